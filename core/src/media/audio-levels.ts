import { Float32ByteReader } from './float32-bytes';
import { SILENCE_DB } from '../domain/signals';

/**
 * Per-second audio levels from mono float PCM, streamed in chunks: overall RMS loudness and the
 * RMS of the sizzle band (high-passed at 3 kHz; the top of the band is the sample rate's
 * Nyquist, 12 kHz at the 24 kHz that ingest decodes at). Frying is broadband hiss that lives
 * mostly above 3 kHz; speech, extractor fans and hob hum live below it.
 *
 * Levels are dBFS of the plain RMS (a full-scale square wave is 0 dB, a full-scale sine −3 dB),
 * floored at SILENCE_DB.
 */
export const SIZZLE_BAND_LOW_HZ = 3000;

export interface SecondLevels {
  loudness: number;
  sizzle: number;
}

/** A second-order IIR section (RBJ cookbook), Direct Form I. */
class Biquad {
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;
  constructor(
    private readonly b0: number,
    private readonly b1: number,
    private readonly b2: number,
    private readonly a1: number,
    private readonly a2: number,
  ) {}

  static highPass(sampleRate: number, freq: number, q: number): Biquad {
    const w0 = (2 * Math.PI * freq) / sampleRate;
    const cos = Math.cos(w0);
    const alpha = Math.sin(w0) / (2 * q);
    const a0 = 1 + alpha;
    return new Biquad((1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, (-2 * cos) / a0, (1 - alpha) / a0);
  }

  process(x: number): number {
    const y = this.b0 * x + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2;
    this.x2 = this.x1;
    this.x1 = x;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}

/** Accumulates samples and closes one second at a time. */
export class AudioLevelMeter {
  /** A 4th-order Butterworth high-pass (two sections with the Butterworth Qs): −24 dB/octave. */
  private readonly hp1: Biquad;
  private readonly hp2: Biquad;
  private sumSq = 0;
  private bandSumSq = 0;
  private count = 0;
  private readonly seconds: SecondLevels[] = [];
  private readonly bytes = new Float32ByteReader();

  constructor(private readonly sampleRate: number) {
    this.hp1 = Biquad.highPass(sampleRate, SIZZLE_BAND_LOW_HZ, 0.5411961);
    this.hp2 = Biquad.highPass(sampleRate, SIZZLE_BAND_LOW_HZ, 1.3065630);
  }

  /** Feed raw little-endian float32 bytes (any chunking). */
  pushBytes(chunk: Buffer): void {
    for (const x of this.bytes.read(chunk)) this.push(x);
  }

  push(sample: number): void {
    const x = Number.isFinite(sample) ? sample : 0;
    const band = this.hp2.process(this.hp1.process(x));
    this.sumSq += x * x;
    this.bandSumSq += band * band;
    if (++this.count === this.sampleRate) this.closeSecond();
  }

  /** All complete seconds, plus the final partial one if it holds at least a tenth of a second. */
  finish(): SecondLevels[] {
    if (this.count >= this.sampleRate / 10) this.closeSecond();
    return this.seconds;
  }

  private closeSecond(): void {
    this.seconds.push({ loudness: rmsDb(this.sumSq, this.count), sizzle: rmsDb(this.bandSumSq, this.count) });
    this.sumSq = 0;
    this.bandSumSq = 0;
    this.count = 0;
  }
}

export function rmsDb(sumSq: number, count: number): number {
  if (count === 0) return SILENCE_DB;
  const rms = Math.sqrt(sumSq / count);
  if (!(rms > 0)) return SILENCE_DB;
  const db = 20 * Math.log10(rms);
  return Math.round(Math.min(0, Math.max(SILENCE_DB, db)) * 10) / 10;
}
