import { z } from 'zod';
import { analysisResultSchema } from '../../domain/analysis';
import { SENSES } from '../../domain/findings';

/**
 * The JSON each prompt in prompts/ asks for. The text prompts describe these fields; the
 * StructuredGenerator sends them as the response schema and validates the answer with them.
 * prompts/<id>/<version>.schema.json is the same schema as JSON (checked by a test).
 */

const line = (max = 400) => z.object({ ja: z.string().min(1).max(max), en: z.string().min(1).max(max) });

/** prompts/coach-text: the sections of the automatic coaching message (header and link are added by code). */
export const coachTextOutputSchema = z.object({
  /** 🍳 今回の問題点 */
  problem: line(600),
  /** 🍳 N回目のセッションで身につけるべきスキル */
  skill: line(600),
  /** 次回試すこと: concrete, one action per item */
  nextTry: z.array(line(300)).min(1).max(3),
  /** ✅ 成功のサイン: what the cook will see/hear/feel when it works */
  successSigns: z.array(line(300)).min(1).max(3),
  /** Slugs of the principles the text relies on (from the ones given in the prompt). */
  principleSlugs: z.array(z.string().max(100)).max(5),
});
export type CoachTextOutput = z.infer<typeof coachTextOutputSchema>;

/** prompts/narrate: the coaching-video script. The pivot line between the parts is fixed text added by code. */
export const narrationOutputSchema = z.object({
  /** Part 1: session intro, the dish's core principle, the diagnosis with the cook's name and the why. */
  part1: z.array(line(300)).min(2).max(6),
  /** Part 2: lines spoken over the cook's clip, at offsets (seconds from the clip start). */
  part2: z
    .array(
      z.object({
        atSec: z.number().min(0),
        sense: z.enum(SENSES),
        ja: z.string().min(1).max(200),
        en: z.string().min(1).max(200),
      }),
    )
    .min(1)
    .max(8),
  /** The decisive rule the video ends on. */
  rule: line(200),
});
export type NarrationOutput = z.infer<typeof narrationOutputSchema>;

/** prompts/reply: an answer to a cook's follow-up question in chat. */
export const replyOutputSchema = z.object({
  answer: line(1500),
  principleSlugs: z.array(z.string().max(100)).max(5),
  /** True when a human chef-coach should answer (unsure, safety, medical, or off-topic). */
  handToCoach: z.boolean(),
});
export type ReplyOutput = z.infer<typeof replyOutputSchema>;

/** Output schema of each prompt id (what prompts/<id>/<version>.schema.json contains). */
export const PROMPT_OUTPUT_SCHEMAS = {
  analyze: analysisResultSchema,
  'coach-text': coachTextOutputSchema,
  narrate: narrationOutputSchema,
  reply: replyOutputSchema,
} as const satisfies Record<string, z.ZodType>;
