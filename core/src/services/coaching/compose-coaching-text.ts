import type { AnalysisResult } from '../../domain/analysis';
import type { Bilingual } from '../../models/principle';
import type { CoachingContent } from './coaching-content';
import { composeCannotCoachText } from './compose-cannot-coach-text';

export interface PrincipleForCoaching {
  slug: string;
  title: Bilingual;
  skill: Bilingual;
  nextAction: Bilingual;
  successSigns: Partial<Record<'sight' | 'sound' | 'texture', Bilingual>>;
  addresses: string[];
}

export interface PastSession {
  attemptNumber: number;
  summary: string;
  diagnosisCode: string | null;
}

const SENSE_LABEL: Record<string, Bilingual> = {
  sight: { ja: '見た目', en: 'Sight' },
  sound: { ja: '音', en: 'Sound' },
  texture: { ja: '食感', en: 'Texture' },
};

/**
 * The offline coaching text: the diagnosis from the analysis, and from the principle that best
 * matches it the skill, the next action and the success signs. A problem that repeats from the
 * previous session is named as such, so Session 3 builds on Session 2.
 */
export function composeCoachingText(input: {
  analysis: AnalysisResult;
  principles: PrincipleForCoaching[]; // retrieved, best first
  past: PastSession[]; // this cook's earlier sessions of the dish, newest first
  learnerName: string;
}): CoachingContent {
  const { diagnosis } = input.analysis;
  if (input.analysis.coachable === false || !diagnosis) return composeCannotCoachText(input.analysis, input.learnerName);
  const principle = input.principles.find((p) => p.addresses.includes(diagnosis.code)) ?? input.principles[0];
  const repeated = input.past.find((p) => p.diagnosisCode === diagnosis.code);
  // The measured moment in the footage first ("0:20 ..."), then what the cook said, so the text is
  // about this pan and the cook sees their own words were read.
  const measured = diagnosis.evidence.find((e) => e.start !== undefined && e.signal !== 'note' && e.signal !== 'rating');
  const spoken = diagnosis.evidence.find((e) => e.signal === 'note' || e.signal === 'rating');
  const evidence = [measured, spoken].filter((e): e is NonNullable<typeof e> => Boolean(e));
  if (evidence.length === 0 && diagnosis.evidence[0]) evidence.push(diagnosis.evidence[0]);

  const problem: Bilingual = {
    ja: [
      `${input.learnerName}さん、${diagnosis.problem.ja}`,
      ...evidence.map((e) => `（${e.ja}）`),
      diagnosis.why.ja,
      repeated ? `前回（${repeated.attemptNumber}回目）も同じところでつまずいていました。今回はここを重点的に直しましょう。` : '',
    ].filter(Boolean).join(''),
    en: [
      `${input.learnerName}, ${lowerFirst(diagnosis.problem.en)}`,
      ...evidence.map((e) => ` (${e.en})`),
      ` ${diagnosis.why.en}`,
      repeated ? ` The same thing came up in session ${repeated.attemptNumber}: make it this session's focus.` : '',
    ].join(''),
  };

  if (!principle) {
    return {
      problem,
      skill: { ja: diagnosis.problem.ja, en: diagnosis.problem.en },
      nextSteps: [{ ja: 'もう一度同じ料理を撮影して、変化を比べてみましょう。', en: 'Film the same dish again and compare.' }],
      successSigns: diagnosis.evidence.slice(0, 1),
      principleSlug: null,
    };
  }
  const signs = (['sight', 'sound', 'texture'] as const)
    .map((sense) => {
      const sign = principle.successSigns[sense];
      const label = SENSE_LABEL[sense] as Bilingual;
      return sign ? { ja: `${label.ja}：${sign.ja}`, en: `${label.en}: ${sign.en}` } : null;
    })
    .filter((s): s is Bilingual => s !== null);
  return {
    problem,
    skill: { ja: `「${principle.title.ja}」— ${principle.skill.ja}`, en: `“${principle.title.en}” — ${principle.skill.en}` },
    nextSteps: [principle.nextAction],
    successSigns: signs.length ? signs : [principle.nextAction],
    principleSlug: principle.slug,
  };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
