import { z } from 'zod';

/**
 * What ingest measures for every second of a cooking video (core/src/media/extract-signals.ts).
 * Values are normalised so rules and prompts can compare them across phones:
 * - motion: mean absolute luma difference between two frames 0.1 s apart (whatever the frame
 *   rate), as a fraction of the luma range, 0..1; pairs where either frame shows a covered lens
 *   are left out. A still pan ≈ 0, stirring ≈ 0.01, tossing ≈ 0.05
 * - loudness: RMS level in dBFS (-90 for silence or no audio)
 * - sizzle: RMS level of the high-frequency band (3–12 kHz) in dBFS: frying sounds live here
 * - brightness: mean luma, 0..1; saturation: mean HSV saturation, 0..1
 * - sharpness: 5 × the RMS luma gradient of a 320 px frame, capped at 1 (low = blurry)
 * - obstructed / tooDark / blurry: see SIGNAL_THRESHOLDS in core/src/media/extract-signals.ts
 */
export const secondSignalSchema = z.object({
  t: z.number().int().min(0),
  motion: z.number().min(0).max(1),
  loudness: z.number().min(-120).max(0),
  sizzle: z.number().min(-120).max(0),
  brightness: z.number().min(0).max(1),
  saturation: z.number().min(0).max(1),
  sharpness: z.number().min(0).max(1),
  obstructed: z.boolean(),
  tooDark: z.boolean(),
  blurry: z.boolean(),
});
export type SecondSignal = z.infer<typeof secondSignalSchema>;

export const SILENCE_DB = -90;

export interface VideoSignals {
  durationSec: number;
  hasAudio: boolean;
  seconds: SecondSignal[];
  /** The 0.25 s track (see fineSignalSchema); absent when only per-second rows were stored. */
  fine?: FineSignal[] | undefined;
  /** Keyframes mode: 0.25 s entries from a full decode of a few seconds around candidate events. */
  fineWindows?: FineSignal[] | undefined;
  /** Per second, 0..1: how sure the sound is frying, by its texture; absent without audio. */
  frying?: number[] | undefined;
  sampling?: SignalsSampling | undefined;
}

/**
 * The fine track: one entry per FINE_STEP_SEC (0.25 s) for the analyzer's events (a toss lasts
 * half a second). Picture measures come from 10 analysis frames a second split into an 8 × 6 grid:
 * - motion: as in SecondSignal, over the step
 * - movingShare: share of grid cells that changed (cell mean abs luma difference ≥ MOVING_CELL)
 * - region: share of the frame covered by the largest connected group of moving cells (a body
 *   passing the lens ≈ 0.5+, a hand at the pan or a toss ≈ 0.05–0.25)
 * - cx, cy: centre of the moving cells (0..1 across / down), null when nothing moves
 * - covered: the lens is covered or something is right in front of it (large, near, low-detail)
 * - brightness: mean luma 0..1; tooDark as in SecondSignal
 * Sound (null without a usable track): level/highBand dBFS, frying 0..1 from the sound's texture,
 * kind (silence, frying, water, speech, hum, other).
 */
export const FINE_STEP_SEC = 0.25;

export const fineSignalSchema = z.object({
  t: z.number().min(0),
  motion: z.number().min(0).max(1),
  movingShare: z.number().min(0).max(1),
  region: z.number().min(0).max(1),
  cx: z.number().min(0).max(1).nullable(),
  cy: z.number().min(0).max(1).nullable(),
  covered: z.boolean(),
  brightness: z.number().min(0).max(1),
  tooDark: z.boolean(),
  level: z.number().min(-120).max(0).nullable(),
  highBand: z.number().min(-120).max(0).nullable(),
  frying: z.number().min(0).max(1).nullable(),
  kind: z.enum(['silence', 'frying', 'water', 'speech', 'hum', 'other']).nullable(),
});
export type FineSignal = z.infer<typeof fineSignalSchema>;

/** How the signals were sampled: the result says which mode it stood on. */
export interface SignalsSampling {
  mode: 'full' | 'keyframes';
  /** Motion samples per second of video. */
  motionSamplesPerSec: number;
  /** The fine track's step in seconds (0.25 in full mode; the keyframe interval otherwise). */
  fineStepSec?: number;
}
