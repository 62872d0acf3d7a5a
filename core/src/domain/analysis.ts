import { z } from 'zod';
import { FINDING_CODES } from './findings';

export const COOKING_EVENT_TYPES = [
  'oil_heating',
  'ingredient_added',
  'sizzle_starts',
  'stirring',
  'flipping',
  'browning',
  'heat_change',
  'plating',
] as const;

const bilingual = z.object({ ja: z.string().min(1).max(600), en: z.string().min(1).max(600) });

/** One result type for every analysis provider (local rules or Gemini). Times are seconds in the source video. */
export const analysisResultSchema = z.object({
  events: z
    .array(
      z.object({
        t: z.number().min(0),
        type: z.enum(COOKING_EVENT_TYPES),
        confidence: z.number().min(0).max(1),
      }),
    )
    .max(400),
  /** Ranked, best first. Never inside an obstructed stretch. */
  keyMoments: z
    .array(
      z.object({
        start: z.number().min(0),
        end: z.number().min(0),
        reason: bilingual,
        cue: z.object({ sight: bilingual.optional(), sound: bilingual.optional() }),
        score: z.number().min(0).max(1),
      }),
    )
    .min(1)
    .max(10),
  diagnosis: z.object({
    code: z.enum(FINDING_CODES),
    problem: bilingual,
    why: bilingual,
    evidence: z.array(bilingual).min(1).max(8),
  }),
  /** Other findings, weaker than the diagnosis, for the coach's context. */
  findings: z.array(z.object({ code: z.enum(FINDING_CODES), score: z.number().min(0).max(1) })).max(FINDING_CODES.length),
});

export type AnalysisResult = z.infer<typeof analysisResultSchema>;
export type CookingEvent = AnalysisResult['events'][number];
export type KeyMoment = AnalysisResult['keyMoments'][number];
