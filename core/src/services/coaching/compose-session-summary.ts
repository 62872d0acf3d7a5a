import type { AnalysisResult } from '../../domain/analysis';
import type { CoachingContent } from './coaching-content';

/**
 * What the next session should know about this one, in a few lines: it is embedded for retrieval
 * and shown to coaches. Japanese first, English second, like everything the cook sees.
 */
export function composeSessionSummary(input: {
  attemptNumber: number;
  dish: { ja: string; en: string };
  analysis: AnalysisResult;
  coaching: CoachingContent | null;
}): string {
  const d = input.analysis.diagnosis;
  if (!d) {
    const m = input.analysis.abstain?.message;
    return [
      `${input.dish.ja} ${input.attemptNumber}回目: 動画から判断できず（${input.analysis.abstain?.reason ?? '不明'}）${m ? ` ${m.ja}` : ''}`,
      `${input.dish.en} session ${input.attemptNumber}: not coachable from the video (${input.analysis.abstain?.reason ?? 'unknown'})${m ? ` ${m.en}` : ''}`,
    ].join('\n');
  }
  const ja = [
    `${input.dish.ja} ${input.attemptNumber}回目: ${d.problem.ja}`,
    d.evidence[0] ? `根拠: ${d.evidence[0].ja}` : '',
    input.coaching ? `次回の課題: ${input.coaching.nextSteps.map((s) => s.ja).join(' / ')}` : '',
  ];
  const en = [
    `${input.dish.en} session ${input.attemptNumber}: ${d.problem.en}`,
    d.evidence[0] ? `Evidence: ${d.evidence[0].en}` : '',
    input.coaching ? `Next: ${input.coaching.nextSteps.map((s) => s.en).join(' / ')}` : '',
  ];
  return [...ja, ...en].filter(Boolean).join('\n');
}
