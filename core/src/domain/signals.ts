import { z } from 'zod';

/**
 * What ingest measures for every second of a cooking video. Values are normalised so rules and
 * prompts can compare them across phones:
 * - motion: mean absolute luma difference between consecutive frames, 0..1
 * - loudness: RMS level in dBFS (-90 for silence or no audio)
 * - sizzle: RMS level of the high-frequency band (≈ 3–12 kHz) in dBFS: frying sounds live here
 * - brightness, saturation: frame means, 0..1
 * - sharpness: mean edge strength, 0..1 (low = blurry)
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
