import { describe, expect, it } from 'vitest';
import { extractSignals } from './extract-signals';
import { mergeSignalParts } from './merge-signal-parts';
import { probePlayableVideo } from './probe-video';
import { cachedTestVideo } from './testing/test-videos';

/**
 * Cook Cam measures the video in parts while it is being filmed, then only the tail at "stop":
 * the parts joined must say what one pass over the whole video says. The clip is a WebM (VP9 +
 * Opus) like Chromium's MediaRecorder writes: heating, ingredients in at 0:10, the lens covered
 * 0:20–0:22, a flip at 0:28, plating from 0:35.
 */
const CLIP = { durationSec: 40, width: 320, height: 180, codec: 'vp9' as const };

describe('signals measured in parts, then joined', () => {
  it('match one pass over the whole video, on the same clock', async () => {
    const { path, timeline } = await cachedTestVideo(CLIP);
    const probe = await probePlayableVideo(path);
    const whole = await extractSignals(path, { probe, mode: 'full' });
    const cuts = [0, 13, 27, Math.ceil(probe.durationSec - 0.1)];
    const parts = [];
    for (let i = 0; i < cuts.length - 1; i++) {
      const startSec = cuts[i]!;
      const durationSec = i === cuts.length - 2 ? probe.durationSec - startSec : cuts[i + 1]! - startSec;
      parts.push({ startSec, signals: await extractSignals(path, { probe, range: { startSec, durationSec } }) });
    }
    const merged = mergeSignalParts(parts, probe.durationSec);
    expect(merged).not.toBeNull();
    const m = merged!;
    expect(m.seconds.map((s) => s.t)).toEqual(whole.seconds.map((s) => s.t));
    expect(m.fine.length).toBe(whole.fine.length);
    expect(m.frying?.length).toBe(whole.frying?.length);
    for (const [i, s] of m.seconds.entries()) {
      const w = whole.seconds[i]!;
      expect({ t: s.t, obstructed: s.obstructed, tooDark: s.tooDark }).toEqual({ t: w.t, obstructed: w.obstructed, tooDark: w.tooDark });
      expect(Math.abs(s.brightness - w.brightness), `brightness at ${s.t}`).toBeLessThan(0.01);
      expect(Math.abs(s.loudness - w.loudness), `loudness at ${s.t}`).toBeLessThan(1.5);
      expect(Math.abs(s.sizzle - w.sizzle), `sizzle at ${s.t}`).toBeLessThan(1.5);
      // Motion compares frames 0.1 s apart: only the first frame of a part has no partner.
      expect(Math.abs(s.motion - w.motion), `motion at ${s.t}`).toBeLessThanOrEqual(Math.max(0.002, w.motion * 0.25));
    }
    // The sound's texture is judged over windows that start a few milliseconds apart in a part: close, not equal.
    const fryingDiffs = m.seconds.map((_, i) => Math.abs((m.frying?.[i] ?? 0) - (whole.frying?.[i] ?? 0)));
    expect(fryingDiffs.reduce((a, b) => a + b, 0) / fryingDiffs.length).toBeLessThan(0.1);
    expect(Math.max(...fryingDiffs)).toBeLessThan(0.5);
    // The moments the analyzer looks for are where they were.
    const top = (sig: typeof m, from: number, to: number) => sig.seconds.filter((s) => s.t >= from && s.t < to).reduce((a, b) => (b.motion > a.motion ? b : a)).t;
    expect(top(m, 0, timeline.dark!.start)).toBe(top(whole, 0, timeline.dark!.start));
    expect(top(m, timeline.dark!.end, timeline.plateAt)).toBe(top(whole, timeline.dark!.end, timeline.plateAt));
    for (const [i, f] of m.fine.entries()) expect(f.t).toBeCloseTo(whole.fine[i]!.t, 3);
  }, 120_000);

  it('refuses parts that do not join up: a gap, or not starting at 0', async () => {
    const { path } = await cachedTestVideo(CLIP);
    const probe = await probePlayableVideo(path);
    const a = await extractSignals(path, { probe, range: { startSec: 0, durationSec: 10 } });
    const c = await extractSignals(path, { probe, range: { startSec: 20, durationSec: probe.durationSec - 20 } });
    expect(mergeSignalParts([{ startSec: 0, signals: a }, { startSec: 20, signals: c }], probe.durationSec)).toBeNull();
    expect(mergeSignalParts([{ startSec: 20, signals: c }], probe.durationSec)).toBeNull();
    expect(mergeSignalParts([{ startSec: 0, signals: a }], probe.durationSec)).toBeNull();
  }, 120_000);
});
