import { describe, expect, it } from 'vitest';
import { secondSignalSchema, SILENCE_DB, type SecondSignal } from '../domain/signals';
import { extractSignals, type ExtractedSignals } from './extract-signals';
import { energyMeanDb } from './summarize-signals';
import type { TestVideoOptions, TestVideoTimeline } from './testing/generate-test-video';
import { cachedTestVideo, ffmpegHasEncoder } from './testing/test-videos';

// 40 s at 320×180: heating 0–10, ingredients at 10, dark 20–22, flip at 28, plating from 35.
const CLIP: TestVideoOptions = { durationSec: 40, width: 320, height: 180 };

async function signalsFor(options: TestVideoOptions, mode: 'full' | 'keyframes' | 'auto' = 'auto') {
  const { path, timeline } = await cachedTestVideo(options);
  const signals = await extractSignals(path, { mode });
  return { signals, timeline };
}

function topMotionSecond(seconds: SecondSignal[], from: number, to: number): number {
  const inRange = seconds.filter((s) => s.t >= from && s.t < to);
  return inRange.reduce((a, b) => (b.motion > a.motion ? b : a)).t;
}

function sizzleDb(seconds: SecondSignal[], from: number, to: number): number {
  return energyMeanDb(seconds.filter((s) => s.t >= from && s.t < to).map((s) => s.sizzle));
}

function expectCookingMoments(signals: ExtractedSignals, tl: TestVideoTimeline) {
  const s = signals.seconds;
  // The strongest motion of the whole clip is the ingredients going in or the flip…
  const top = topMotionSecond(s, 0, s.length);
  expect(Math.min(Math.abs(top - tl.addAt), Math.abs(top - tl.flipAt!))).toBeLessThanOrEqual(1);
  // …and each is the strongest moment of its own part of the cook.
  expect(Math.abs(topMotionSecond(s, 0, tl.dark!.start) - tl.addAt)).toBeLessThanOrEqual(1);
  expect(Math.abs(topMotionSecond(s, tl.dark!.end, tl.plateAt) - tl.flipAt!)).toBeLessThanOrEqual(1);
  // Nothing moves while the oil heats.
  for (const sec of s.filter((x) => x.t < tl.addAt - 1)) expect(sec.motion).toBeLessThan(0.002);
  // The lens is covered exactly during the dark stretch.
  for (const sec of s) {
    const inDark = sec.t >= tl.dark!.start && sec.t < tl.dark!.end;
    expect({ t: sec.t, obstructed: sec.obstructed, tooDark: sec.tooDark }).toEqual({ t: sec.t, obstructed: inDark, tooDark: inDark });
  }
}

// Each test makes (first time) and decodes a clip with FFmpeg: 2–13 s each on a loaded 2-core machine,
// and the default 30 s ran out there when the machine was busier.
const FFMPEG_TEST = { timeout: 120_000 };

describe('extractSignals (full decode)', FFMPEG_TEST, () => {
  it('finds the ingredients, the sizzle, the flip and the covered lens', async () => {
    const { signals, timeline: tl } = await signalsFor(CLIP, 'full');
    expect(signals.sampling.mode).toBe('full');
    expect(signals.hasAudio).toBe(true);
    expect(signals.durationSec).toBeCloseTo(40, 0);
    expect(signals.seconds).toHaveLength(40);
    signals.seconds.forEach((s, i) => {
      expect(s.t).toBe(i);
      expect(() => secondSignalSchema.parse(s)).not.toThrow();
    });
    expectCookingMoments(signals, tl);

    const s = signals.seconds;
    const heating = sizzleDb(s, 1, tl.addAt - 1);
    const frying = sizzleDb(s, tl.addAt + 1, tl.addAt + 6);
    expect(frying - heating).toBeGreaterThanOrEqual(10);
    // Plating: the sizzle falls back most of the way.
    expect(sizzleDb(s, tl.plateAt + 1, 40) - frying).toBeLessThan(-10);
    // The room tone (below 3 kHz) is there all along: loudness ≥ sizzle every second.
    for (const sec of s) expect(sec.loudness).toBeGreaterThanOrEqual(sec.sizzle - 0.5);
    // The scene is lit and sharp; only the covered stretch is dark.
    expect(s.filter((x) => x.blurry)).toEqual([]);
    for (const sec of s.filter((x) => !x.obstructed)) {
      expect(sec.brightness).toBeGreaterThan(0.2);
      expect(sec.saturation).toBeGreaterThan(0.1);
      expect(sec.sharpness).toBeGreaterThan(0.1);
    }
  });

  it('the weak-sizzle variant (pan not hot): ingredients go in, the sizzle barely rises', async () => {
    const { signals, timeline: tl } = await signalsFor({ ...CLIP, sizzle: 'weak' }, 'full');
    const s = signals.seconds;
    const rise = sizzleDb(s, tl.addAt + 1, tl.addAt + 6) - sizzleDb(s, 1, tl.addAt - 1);
    expect(rise).toBeLessThan(6);
    expect(Math.abs(topMotionSecond(s, 0, tl.dark!.start) - tl.addAt)).toBeLessThanOrEqual(1);
  });

  it('the no-movement variant: after the ingredients go in, nothing moves', async () => {
    const { signals, timeline: tl } = await signalsFor({ ...CLIP, movement: 'none' }, 'full');
    // (Moving the food to the plate at plateAt is one change, so stop before it.)
    const after = signals.seconds.filter((x) => x.t >= tl.burst.end + 1 && x.t < tl.plateAt);
    expect(after.length).toBeGreaterThan(15);
    for (const sec of after) expect(sec.motion).toBeLessThan(0.003);
    expect(signals.seconds[tl.addAt]!.motion).toBeGreaterThan(0.01);
  });

  it('no audio track: loudness and sizzle are SILENCE_DB', async () => {
    const { signals } = await signalsFor({ ...CLIP, durationSec: 12, audio: false }, 'full');
    expect(signals.hasAudio).toBe(false);
    expect(signals.seconds).toHaveLength(12);
    for (const sec of signals.seconds) {
      expect(sec.loudness).toBe(SILENCE_DB);
      expect(sec.sizzle).toBe(SILENCE_DB);
    }
  });

  it('flags blurry seconds against the clip’s own sharpness', async () => {
    const { signals } = await signalsFor({ ...CLIP, durationSec: 16, dark: false, blur: { start: 6, end: 9 } }, 'full');
    const blurry = signals.seconds.filter((x) => x.blurry).map((x) => x.t);
    expect(blurry).toEqual([6, 7, 8]);
    expect(signals.seconds.some((x) => x.obstructed || x.tooDark)).toBe(false);
  });

  it('reads portrait (rotated) and VFR clips on the same time base', async () => {
    const portrait = await signalsFor({ ...CLIP, durationSec: 16, width: 180, height: 320, rotation: 90 }, 'full');
    expect(portrait.signals.seconds).toHaveLength(16);
    expect(Math.abs(topMotionSecond(portrait.signals.seconds, 0, 8) - portrait.timeline.addAt)).toBeLessThanOrEqual(1);
    const vfr = await signalsFor({ ...CLIP, durationSec: 16, vfr: true }, 'full');
    expect(vfr.signals.seconds).toHaveLength(16);
    expect(Math.abs(topMotionSecond(vfr.signals.seconds, 0, 8) - vfr.timeline.addAt)).toBeLessThanOrEqual(1);
    const dark = vfr.signals.seconds.filter((x) => x.obstructed).map((x) => x.t);
    expect(dark).toEqual([8, 9]);
  });
});

describe('extractSignals (keyframes mode)', FFMPEG_TEST, () => {
  it('samples once per keyframe and still finds the same moments', async () => {
    const { signals, timeline: tl } = await signalsFor(CLIP, 'keyframes');
    expect(signals.sampling).toMatchObject({ mode: 'keyframes', motionSamplesPerSec: 1 });
    expect(signals.seconds).toHaveLength(40);
    expectCookingMoments(signals, tl);
    expect(sizzleDb(signals.seconds, tl.addAt + 1, tl.addAt + 6) - sizzleDb(signals.seconds, 1, tl.addAt - 1)).toBeGreaterThanOrEqual(10);
  });

  it('handles B-frames (H.264) and open-GOP HEVC, whose leading pictures must not be decoded', async (ctx) => {
    const bframes = await signalsFor({ ...CLIP, preset: 'veryfast' }, 'keyframes');
    expectCookingMoments(bframes.signals, bframes.timeline);
    if (!(await ffmpegHasEncoder('libx265'))) ctx.skip();
    const hevc = await signalsFor({ ...CLIP, codec: 'hevc' }, 'keyframes');
    expect(hevc.signals.sampling.mode).toBe('keyframes');
    expectCookingMoments(hevc.signals, hevc.timeline);
  });

  it('falls back to the full decode when keyframes are far apart', async () => {
    const { signals, timeline: tl } = await signalsFor({ ...CLIP, durationSec: 16, keyframeIntervalSec: 6 }, 'keyframes');
    expect(signals.sampling.mode).toBe('full');
    expect(Math.abs(topMotionSecond(signals.seconds, 0, 8) - tl.addAt)).toBeLessThanOrEqual(1);
  });

  it('auto picks the full decode for a small file', async () => {
    const { signals } = await signalsFor({ ...CLIP, durationSec: 12 });
    expect(signals.sampling.mode).toBe('full');
    expect(signals.sampling.estimatedFullDecodeSec).toBeLessThan(1);
  });
});

describe('extractSignals process control', FFMPEG_TEST, () => {
  it('reports progress up to 1', async () => {
    const { path } = await cachedTestVideo({ ...CLIP, durationSec: 12 });
    const seen: number[] = [];
    await extractSignals(path, { mode: 'full', onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('stops the keyframes pipeline when aborted', async () => {
    const { path } = await cachedTestVideo(CLIP);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 30);
    await expect(extractSignals(path, { mode: 'keyframes', signal: controller.signal })).rejects.toThrow('stop');
  });

  it('stops both decoders when aborted', async () => {
    const { path } = await cachedTestVideo(CLIP);
    const controller = new AbortController();
    const run = extractSignals(path, { mode: 'full', signal: controller.signal, onProgress: (f) => f > 0.1 && controller.abort(new Error('stop')) });
    await expect(run).rejects.toThrow('stop');
  });
});
