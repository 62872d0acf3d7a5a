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
}
