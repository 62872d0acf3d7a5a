/**
 * The narration script of a coaching video: the one schema the server validates with and the
 * console checks drafts with (the console bundles zod already), and the names of its rules.
 */
import { z } from 'zod';

export const NARRATION_CUES = ['sight', 'sound', 'rule'] as const;
export type NarrationCue = (typeof NARRATION_CUES)[number];
export const MAX_PART2_LINES = 6;
export const MAX_OFFSET_SEC = 60;
// Length is judged for real where it matters: the timeline checks each line's spoken duration fits its slot.
export const LINE_MAX_CHARS = { ja: 400, en: 700 } as const;

/** The rules a script can break, as the console names them (ajimi.reviews.script.<rule>). */
export type ScriptRule = 'empty_line' | 'too_long' | 'offset_range' | 'offsets_increase' | 'too_many' | 'last_is_rule' | 'shape';

const line = z.object({ ja: z.string().trim().min(1).max(LINE_MAX_CHARS.ja), en: z.string().trim().min(1).max(LINE_MAX_CHARS.en) });

/** The coaching video's words. Part 2 lines are timed to offsets (seconds) inside the chosen clip. */
export const narrationScriptSchema = z.object({
  part1: z.object({ intro: line, principle: line }),
  diagnosis: line,
  pivot: line,
  part2: z
    .array(z.object({ offset: z.number().min(0).max(MAX_OFFSET_SEC), text: line, cue: z.enum(NARRATION_CUES) }))
    .min(1)
    .max(MAX_PART2_LINES)
    // Each broken rule names its line, so an editor can point at it.
    .superRefine((lines, ctx) => {
      lines.forEach((l, i) => {
        const prev = lines[i - 1];
        if (prev && !(l.offset > prev.offset)) ctx.addIssue({ code: 'custom', path: [i, 'offset'], message: 'part 2 offsets must increase', params: { rule: 'offsets_increase' } });
      });
      if (lines[lines.length - 1]?.cue !== 'rule') ctx.addIssue({ code: 'custom', path: [Math.max(0, lines.length - 1), 'cue'], message: 'part 2 ends with the decisive rule', params: { rule: 'last_is_rule' } });
    }),
});
export type NarrationScript = z.infer<typeof narrationScriptSchema>;

/** Why a script does not validate: the path of each issue and the rule it breaks. */
export function narrationScriptIssues(script: unknown): Array<{ path: Array<string | number>; rule: ScriptRule; message: string }> {
  const result = narrationScriptSchema.safeParse(script);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const inPart2 = path[0] === 'part2';
    const rule: ScriptRule =
      issue.code === 'custom' && typeof issue.params?.rule === 'string'
        ? (issue.params.rule as ScriptRule)
        : issue.code === 'too_small' && issue.origin === 'string'
          ? 'empty_line'
          : issue.code === 'too_big' && issue.origin === 'string'
            ? 'too_long'
            : inPart2 && path[2] === 'offset' && (issue.code === 'too_small' || issue.code === 'too_big')
              ? 'offset_range'
              : inPart2 && path.length === 1 && issue.code === 'too_big'
                ? 'too_many'
                : inPart2 && path.length === 1 && issue.code === 'too_small'
                  ? 'last_is_rule'
                  : 'shape';
    return { path, rule, message: issue.message };
  });
}
