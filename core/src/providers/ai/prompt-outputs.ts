import { z } from 'zod';

/**
 * Output schemas of the text prompts in prompts/ that have no pipeline-side type yet.
 *
 * The other prompts answer with the pipeline's own types, so Gemini and the offline composers
 * produce the same thing:
 * - analyze    → analysisResultSchema   (core/src/domain/analysis.ts)
 * - coach-text → coachingContentSchema  (core/src/services/coaching/coaching-content.ts)
 * - narrate    → narrationScriptSchema  (core/src/services/coaching/narration-script.ts)
 * prompts/<id>/<version>.schema.json holds each as the JSON Schema sent to Gemini (test-checked).
 */

const bilingual = (max: number) => z.object({ ja: z.string().min(1).max(max), en: z.string().min(1).max(max) });

/** prompts/reply: an answer to a cook's follow-up question in chat. */
export const replyOutputSchema = z.object({
  answer: bilingual(1500),
  /** Slugs of the principles the answer used (from the ones given in the prompt). */
  principleSlugs: z.array(z.string().max(100)).max(5),
  /** True when a human chef-coach should answer (unsure, food safety, health, off-topic, or asked for). */
  handToCoach: z.boolean(),
});
export type ReplyOutput = z.infer<typeof replyOutputSchema>;
