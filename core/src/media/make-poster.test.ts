import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecondSignal } from '../domain/signals';
import { defaultPosterTime, makePoster, pickPosterTime } from './make-poster';
import { probeVideo } from './probe-video';
import { cachedTestVideo } from './testing/test-videos';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ajimi-poster-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('makePoster', () => {
  it('writes an upright JPEG, 1280 on the long side, from 10 % in', async () => {
    const { path } = await cachedTestVideo({ durationSec: 8, width: 1920, height: 1080, fps: 25 });
    const out = join(dir, 'poster.jpg');
    const result = await makePoster(path, out);
    expect(result).toMatchObject({ width: 1280, height: 720, atSec: 4 });
    const bytes = await readFile(out);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const image = await probeVideo(out);
    expect(image).toMatchObject({ isStillImage: true, width: 1280, height: 720, videoCodec: 'mjpeg' });
  });

  it('keeps a rotated portrait clip portrait', async () => {
    const { path } = await cachedTestVideo({ durationSec: 8, width: 1080, height: 1920, rotation: 90 });
    const out = join(dir, 'portrait.jpg');
    const result = await makePoster(path, out, { atSec: 1.5 });
    expect(result).toMatchObject({ width: 720, height: 1280, atSec: 1.5 });
    expect(await probeVideo(out)).toMatchObject({ width: 720, height: 1280 });
  });

  it('falls back to the first frame when asked for a time past the end', async () => {
    const { path } = await cachedTestVideo({ durationSec: 8, width: 320, height: 180, vfr: true });
    const result = await makePoster(path, join(dir, 'late.jpg'), { atSec: 500 });
    expect(result.width).toBe(320);
    expect(result.atSec).toBeLessThan(8);
  });
});

describe('poster time', () => {
  it('is 10 % in, or the middle of a clip under 10 s', () => {
    expect(defaultPosterTime(300)).toBe(30);
    expect(defaultPosterTime(10)).toBe(1);
    expect(defaultPosterTime(6)).toBe(3);
  });

  it('moves to the nearest clean second when the signals say the default one is covered', () => {
    const sec = (t: number, bad = false): SecondSignal => ({
      t,
      motion: 0,
      loudness: -40,
      sizzle: -40,
      brightness: bad ? 0.02 : 0.4,
      saturation: 0.3,
      sharpness: 0.5,
      obstructed: bad,
      tooDark: bad,
      blurry: false,
    });
    const seconds = Array.from({ length: 60 }, (_, t) => sec(t, t >= 4 && t <= 7));
    expect(pickPosterTime(60, { seconds })).toBe(8.5);
    expect(pickPosterTime(60, { seconds: seconds.map((s) => ({ ...s, obstructed: false, tooDark: false })) })).toBe(6);
  });
});
