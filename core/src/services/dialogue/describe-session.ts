import type { DialogueSession } from './dialogue-types';
import { formatClock } from './resolve-moment';

/** The session's analysis as prompt data for the reply model: diagnosis, evidence and key moments with their times. */
export function describeSession(session: DialogueSession | null, coachingText: string | undefined): string {
  if (!session) return '(no session)';
  const lines = [`Session ${session.attemptNumber} (${session.dish.name.ja} / ${session.dish.name.en}).`];
  const a = session.analysis;
  if (a) {
    if (a.diagnosis) {
      lines.push(`Diagnosis (${a.diagnosis.code}): ${a.diagnosis.problem.ja} / ${a.diagnosis.problem.en}`);
      for (const e of a.diagnosis.evidence) lines.push(`Evidence: ${e.ja} / ${e.en}`);
    } else if (a.abstain) {
      // The analyzer could not coach this clip: the model must not invent a diagnosis for it.
      lines.push(`Not coachable (${a.abstain.reason}): ${a.abstain.message.ja} / ${a.abstain.message.en}`);
    }
    for (const k of a.keyMoments.slice(0, 3)) lines.push(`Key moment ${formatClock(k.start)}–${formatClock(k.end)}: ${k.reason.ja} / ${k.reason.en}`);
    lines.push(`Events: ${a.events.slice(0, 30).map((e) => `${formatClock(e.t)} ${e.type}`).join(', ')}`);
  } else lines.push('(not analysed)');
  if (coachingText) lines.push(`Coaching text sent: ${coachingText}`);
  return lines.join('\n');
}
