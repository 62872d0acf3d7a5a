import { describe, expect, it } from 'vitest';
import { SILENCE_DB } from '../domain/signals';
import { AudioLevelMeter, rmsDb } from './audio-levels';

const RATE = 24_000;

function sine(freq: number, amplitude: number, seconds: number): Float32Array {
  const out = new Float32Array(RATE * seconds);
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freq * i) / RATE);
  return out;
}

function levels(samples: Float32Array, chunk = 4099) {
  const meter = new AudioLevelMeter(RATE);
  const bytes = Buffer.from(samples.buffer);
  // Odd chunk sizes: samples split across chunks must be reassembled.
  for (let off = 0; off < bytes.length; off += chunk) meter.pushBytes(bytes.subarray(off, off + chunk));
  return meter.finish();
}

describe('AudioLevelMeter', () => {
  it('measures RMS loudness in dBFS per second', () => {
    const out = levels(sine(440, 0.5, 3));
    expect(out).toHaveLength(3);
    // RMS of a sine of amplitude 0.5 is 0.3536 → −9.0 dBFS.
    for (const s of out) expect(s.loudness).toBeCloseTo(-9.0, 0);
  });

  it('keeps speech-band tones out of the sizzle band and lets hiss-band tones through', () => {
    const low = levels(sine(800, 0.5, 2))[1]!;
    expect(low.sizzle).toBeLessThan(low.loudness - 35);
    const high = levels(sine(6000, 0.5, 2))[1]!;
    expect(high.sizzle).toBeGreaterThan(high.loudness - 1);
  });

  it('reports silence as SILENCE_DB and keeps a final partial second of at least 0.1 s', () => {
    const out = levels(new Float32Array(RATE * 2 + RATE / 5));
    expect(out).toHaveLength(3);
    for (const s of out) expect(s).toEqual({ loudness: SILENCE_DB, sizzle: SILENCE_DB });
  });

  it('floors and caps levels', () => {
    expect(rmsDb(0, 100)).toBe(SILENCE_DB);
    expect(rmsDb(1e-20, 100)).toBe(SILENCE_DB);
    expect(rmsDb(400, 100)).toBe(0);
  });
});
