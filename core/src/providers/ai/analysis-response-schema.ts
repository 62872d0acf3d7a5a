import { z } from 'zod';
import { ABSTAIN_REASONS, COOKING_EVENT_TYPES, EVIDENCE_SIGNALS, type AnalysisResult } from '../../domain/analysis';
import { FINDING_CODES } from '../../domain/findings';

/**
 * What Gemini must answer for prompts/analyze v2: the AnalysisResult contract with every field the
 * offline analyzer fills made required, so the model cannot leave out whether it can coach, the
 * instant of each moment, the evidence spans or its confidence. A value of this schema is an
 * AnalysisResult (checked by the type below); invariants in analysis-invariants.ts then clamp it.
 */
const bilingual = z.object({ ja: z.string().min(1).max(600), en: z.string().min(1).max(600) });
const evidence = bilingual.extend({
  start: z.number().min(0),
  end: z.number().min(0),
  signal: z.enum(EVIDENCE_SIGNALS),
  value: z.number().nullable(),
});

export const analysisResponseSchema = z.object({
  coachable: z.boolean(),
  abstain: z.object({ reason: z.enum(ABSTAIN_REASONS), message: bilingual }).nullable(),
  events: z.array(z.object({ t: z.number().min(0), type: z.enum(COOKING_EVENT_TYPES), confidence: z.number().min(0).max(1) })).max(400),
  keyMoments: z
    .array(
      z.object({
        at: z.number().min(0),
        start: z.number().min(0),
        end: z.number().min(0),
        reason: bilingual,
        cue: z.object({ sight: bilingual.optional(), sound: bilingual.optional() }),
        score: z.number().min(0).max(1),
        evidence: z.array(evidence).min(1).max(6),
      }),
    )
    .max(10),
  diagnosis: z
    .object({
      code: z.enum(FINDING_CODES),
      problem: bilingual,
      why: bilingual,
      evidence: z.array(evidence).min(1).max(8),
      confidence: z.number().min(0).max(1),
    })
    .nullable(),
  findings: z
    .array(z.object({ code: z.enum(FINDING_CODES), score: z.number().min(0).max(1), confidence: z.number().min(0).max(1), evidence: z.array(evidence).max(6) }))
    .max(FINDING_CODES.length),
  cooking: z.object({ start: z.number().min(0), end: z.number().min(0), startSeen: z.boolean(), stopSeen: z.boolean() }).nullable(),
});
export type AnalysisResponse = z.infer<typeof analysisResponseSchema>;

/** Evidence `value: null` (nothing numeric measured) becomes an absent value in the AnalysisResult. */
export function responseToResult(r: AnalysisResponse): AnalysisResult {
  const ev = <T extends { value: number | null }>(e: T) => {
    const { value, ...rest } = e;
    return value === null ? rest : { ...rest, value };
  };
  return {
    ...r,
    keyMoments: r.keyMoments.map((m) => ({ ...m, evidence: m.evidence.map(ev) })),
    diagnosis: r.diagnosis ? { ...r.diagnosis, evidence: r.diagnosis.evidence.map(ev) } : null,
    findings: r.findings.map((f) => ({ ...f, evidence: f.evidence.map(ev) })),
    sampling: { mode: 'video', stepSec: 1 },
  };
}
