import type { Bilingual } from './common';

/**
 * GET /api/console/reviews/:id → `analysis`: what the latest analysis claimed and what each claim
 * stands on, laid on the video's time axis (seconds in the source video) for the evidence timeline.
 */
export interface AnalysisTimeline {
  coachable: boolean;
  /** Why the analyzer would not coach, with the message the cook got. */
  abstain: { reason: string; message: Bilingual } | null;
  /** Heat 0..1 from the sizzle, one value per `stepSec` from 0 (null without a usable sound track). */
  heat: { stepSec: number; values: number[] } | null;
  /** First to last sign of heat and food; whether the clip shows the start / the stop. */
  cooking: { start: number; end: number; startSeen: boolean; stopSeen: boolean } | null;
  /** Detected events (the instant, its type, 0..1 confidence). */
  events: Array<{ t: number; type: string; confidence: number }>;
  /** Key moments: the event instant `at` (null on older results) inside the clip window. */
  moments: Array<{ at: number | null; start: number; end: number; reason: Bilingual }>;
  /** Evidence spans: what a claim stands on, where, and the measured value. */
  spans: Array<{
    start: number;
    end: number;
    /** The measured signal (motion, sizzle, frying, heat, covered, …). */
    signal: string;
    /** Which claim it supports: the diagnosis, a finding (by code), a key moment, or what was seen when abstaining. */
    claim: 'diagnosis' | 'finding' | 'moment' | 'seen';
    code: string | null;
    text: Bilingual;
    value: number | null;
  }>;
  /** How the signals were sampled (full decode at 0.25 s, or keyframes). */
  sampling: { mode: string; stepSec: number; eventStepSec?: number } | null;
}
