import { describe, expect, it } from 'vitest';
import { analyzeSoundTexture } from './sound-texture';
import { SoundTextureStream } from './sound-texture-stream';
import { frying, runningWater, speech } from './testing/synthetic-sounds';

const RATE = 16_000;

/** Kitchen sounds one after another: water, frying, speech over hum, frying again. */
function recording(sec: number): Float32Array {
  const parts = [runningWater(RATE, sec / 4, 5), frying(RATE, sec / 4, { seed: 6 }), speech(RATE, sec / 4, 7).map((v, i) => v + 0.2 * Math.sin((2 * Math.PI * 50 * i) / RATE)), frying(RATE, sec / 4, { seed: 8 })];
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Feeds the samples as little-endian float32 bytes in uneven pieces (not multiples of 4 bytes). */
function stream(samples: Float32Array, windowSecs: number[]): Map<number, ReturnType<typeof analyzeSoundTexture>> {
  const s = new SoundTextureStream(RATE, windowSecs);
  const bytes = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const size = 65_536 + ((k * 7919) % 4093);
    s.pushBytes(bytes.subarray(at, at + size));
    at += size;
  }
  return s.finish();
}

describe('SoundTextureStream', () => {
  it('gives exactly the whole-recording texture for a long recording, in segments, for each window size', () => {
    const samples = recording(140);
    const out = stream(samples, [0.25, 1]);
    expect(out.get(0.25)).toEqual(analyzeSoundTexture(samples, RATE, { windowSec: 0.25 }));
    expect(out.get(1)).toEqual(analyzeSoundTexture(samples, RATE, { windowSec: 1 }));
    expect(out.get(1)).toHaveLength(140);
  }, 60_000);

  it('measures a short recording whole, as analyzeSoundTexture does', () => {
    const samples = recording(20);
    expect(stream(samples, [0.25]).get(0.25)).toEqual(analyzeSoundTexture(samples, RATE, { windowSec: 0.25 }));
  }, 30_000);
});
