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

/** What a claim stands on: a measured signal over a time span (seconds), said in words. */
export const EVIDENCE_SIGNALS = ['motion', 'pan_activity', 'sizzle', 'frying', 'heat', 'brightness', 'covered', 'duration', 'note', 'rating', 'visual'] as const;
export const evidenceSchema = bilingual.extend({
  start: z.number().min(0).optional(),
  end: z.number().min(0).optional(),
  signal: z.enum(EVIDENCE_SIGNALS).optional(),
  /** The measured value (dB for sizzle, 0..1 for frying/heat/motion, seconds for duration). */
  value: z.number().optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** Why the analyzer will not coach this clip (the cook gets `message`, a coach takes over). */
/**
 * - partial_cook: the only thing to say was about the cooking time, but the clip does not show the
 *   cook from its start to its stop, so the time is unknown (used when a model's diagnosis is
 *   about time and the clip cannot support it).
 */
export const ABSTAIN_REASONS = ['too_short', 'not_cooking', 'cannot_see', 'no_pan_visible', 'partial_cook', 'unreadable'] as const;
export type AbstainReason = (typeof ABSTAIN_REASONS)[number];

/** One result type for every analysis provider (local rules or Gemini). Times are seconds in the source video. */
export const analysisResultSchema = z.object({
  /**
   * false: the analyzer cannot coach this clip (see abstain); there are no key moments and no
   * diagnosis. Absent only on results stored before this field existed (they were coached).
   */
  coachable: z.boolean().optional(),
  abstain: z
    .object({
      reason: z.enum(ABSTAIN_REASONS),
      message: bilingual,
      /** What was and was not visible, in the cook's words. */
      seen: z.array(evidenceSchema).max(8).optional(),
    })
    .nullable()
    .optional(),
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
        /** The instant of the event this moment is about (inside start..end). */
        at: z.number().min(0).optional(),
        start: z.number().min(0),
        end: z.number().min(0),
        reason: bilingual,
        cue: z.object({ sight: bilingual.optional(), sound: bilingual.optional() }),
        score: z.number().min(0).max(1),
        evidence: z.array(evidenceSchema).max(6).optional(),
      }),
    )
    .max(10),
  /** null when not coachable. */
  diagnosis: z
    .object({
      code: z.enum(FINDING_CODES),
      problem: bilingual,
      why: bilingual,
      evidence: z.array(evidenceSchema).min(1).max(8),
      confidence: z.number().min(0).max(1).optional(),
    })
    .nullable(),
  /** Other findings, weaker than the diagnosis, for the coach's context. */
  findings: z
    .array(
      z.object({
        code: z.enum(FINDING_CODES),
        score: z.number().min(0).max(1),
        confidence: z.number().min(0).max(1).optional(),
        evidence: z.array(evidenceSchema).max(6).optional(),
      }),
    )
    .max(FINDING_CODES.length),
  /** Heat 0..1 over time from the sizzle (empty without a usable sound track). */
  heatCurve: z.array(z.object({ t: z.number().min(0), heat: z.number().min(0).max(1) })).max(20_000).optional(),
  /** Where cooking is seen: first to last sign of heat and food; null when none. */
  cooking: z
    .object({
      start: z.number().min(0),
      end: z.number().min(0),
      /** Whether the clip shows the start / the stop (else the cooking time is unknown). */
      startSeen: z.boolean(),
      stopSeen: z.boolean(),
    })
    .nullable()
    .optional(),
  /** How the signals were sampled (full decode at 0.25 s, or keyframes only). */
  sampling: z
    .object({
      mode: z.enum(['full', 'keyframes', 'seconds', 'video']),
      stepSec: z.number().positive(),
      /** Keyframes mode: events were placed on 0.25 s windows decoded in full around them. */
      eventStepSec: z.number().positive().optional(),
    })
    .optional(),
});

export type AnalysisResult = z.infer<typeof analysisResultSchema>;
export type CookingEvent = AnalysisResult['events'][number];
export type KeyMoment = AnalysisResult['keyMoments'][number];
export type Diagnosis = NonNullable<AnalysisResult['diagnosis']>;

/** Results stored before `coachable` existed were coached. */
export function isCoachable(result: Pick<AnalysisResult, 'coachable'>): boolean {
  return result.coachable !== false;
}
