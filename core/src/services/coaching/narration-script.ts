import { z } from 'zod';
import type { AnalysisResult, KeyMoment } from '../../domain/analysis';
import type { Bilingual } from '../../models/principle';

const line = z.object({ ja: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(300) });

/** The coaching video's words. Part 2 lines are timed to offsets (seconds) inside the chosen clip. */
export const narrationScriptSchema = z.object({
  part1: z.object({ intro: line, principle: line }),
  diagnosis: line,
  pivot: line,
  part2: z
    .array(z.object({ offset: z.number().min(0).max(60), text: line, cue: z.enum(['sight', 'sound', 'rule']) }))
    .min(1)
    .max(6)
    .refine((lines) => lines.every((l, i) => i === 0 || l.offset > (lines[i - 1] as { offset: number }).offset), 'part 2 offsets must increase')
    .refine((lines) => lines[lines.length - 1]?.cue === 'rule', 'part 2 ends with the decisive rule'),
});
export type NarrationScript = z.infer<typeof narrationScriptSchema>;

export const PIVOT_LINE: Bilingual = { ja: '動画を使ってそのポイントを見てみましょう。', en: "Let's look at that point in your video." };

/**
 * The offline draft: Part 1 introduces the session and the dish's core principle, the diagnosis
 * speaks to the cook by name with the why, and Part 2 points at what to see and hear in their
 * own clip, ending with the decisive rule.
 */
export function composeNarrationScript(input: {
  learnerName: string;
  attemptNumber: number;
  dish: Bilingual;
  corePrinciple: { title: Bilingual; skill: Bilingual };
  focusPrinciple: { title: Bilingual; nextAction: Bilingual } | null;
  analysis: AnalysisResult;
  keyMoment: KeyMoment;
}): NarrationScript {
  const { analysis, keyMoment: m } = input;
  const clip = m.end - m.start;
  const eventOffset = Math.min(3, Math.max(0.5, clip / 5)); // the analyzer starts clips ~3 s before the event
  const part2: NarrationScript['part2'] = [
    { offset: 0.5, text: { ja: `${m.reason.ja.replace(/^\d+:\d+\s*/, '')}です。`, en: `${m.reason.en.replace(/^\d+:\d+\s*/, '')}.` }, cue: 'sight' },
  ];
  if (m.cue.sound) part2.push({ offset: round(eventOffset + 0.5), text: { ja: `${m.cue.sound.ja}を聞いてください。`, en: `Listen to ${m.cue.sound.en}.` }, cue: 'sound' });
  if (m.cue.sight) part2.push({ offset: round(Math.min(clip - 5, eventOffset + 4.5)), text: { ja: `${m.cue.sight.ja}に注目。`, en: `Watch ${m.cue.sight.en}.` }, cue: 'sight' });
  const rule = input.focusPrinciple?.nextAction ?? input.corePrinciple.skill;
  part2.push({ offset: round(Math.max(clip - 4, (part2[part2.length - 1]?.offset ?? 0) + 1)), text: shorten(rule), cue: 'rule' });

  return narrationScriptSchema.parse({
    part1: {
      intro: {
        ja: `${input.learnerName}さん、${input.dish.ja}の${input.attemptNumber}回目のセッションです。`,
        en: `${input.learnerName}, this is session ${input.attemptNumber} of your ${input.dish.en.toLowerCase()}.`,
      },
      principle: { ja: `${input.dish.ja}の基本は「${input.corePrinciple.title.ja}」。${input.corePrinciple.skill.ja}`, en: `The heart of ${input.dish.en.toLowerCase()}: ${input.corePrinciple.title.en}. ${input.corePrinciple.skill.en}` },
    },
    diagnosis: {
      ja: `${input.learnerName}さん、今回は${analysis.diagnosis.problem.ja}${analysis.diagnosis.why.ja}`,
      en: `${input.learnerName}, this time: ${analysis.diagnosis.problem.en} ${analysis.diagnosis.why.en}`,
    },
    pivot: PIVOT_LINE,
    part2: part2.filter((l, i, all) => i === 0 || l.offset > (all[i - 1] as { offset: number }).offset),
  });
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The first sentence: a rule to remember, not a paragraph. */
function shorten(text: Bilingual): Bilingual {
  const ja = (text.ja.split('。')[0] ?? text.ja).slice(0, 120);
  const en = (text.en.split(/(?<=\.)\s/)[0] ?? text.en).slice(0, 200);
  return { ja: ja.endsWith('。') ? ja : `${ja}。`, en };
}
