import { describe, expect, it } from 'vitest';
import type { FineSignal, SecondSignal, VideoSignals } from '../domain/signals';
import { footageHints, movementRegion, unusableSpans } from './footage-hints';
import { enoughFootage, planShots, planTail, subtractSpans, usableFootage } from './plan-footage';

const second = (t: number, over: Partial<SecondSignal> = {}): SecondSignal => ({
  t, motion: 0.01, loudness: -30, sizzle: -40, brightness: 0.5, saturation: 0.3, sharpness: 0.5, obstructed: false, tooDark: false, blurry: false, ...over,
});
const fine = (t: number, over: Partial<FineSignal> = {}): FineSignal => ({
  t, motion: 0.01, movingShare: 0.1, region: 0.04, cx: 0.5, cy: 0.5, covered: false, brightness: 0.5, tooDark: false, level: -30, highBand: -40, frying: 0.5, kind: 'frying', ...over,
});

describe('footage hints', () => {
  it('covered and dark stretches at 0.25 s from the fine track, merged', () => {
    const fineTrack = Array.from({ length: 40 }, (_, i) => fine(i * 0.25, { covered: i >= 8 && i < 12, tooDark: i === 12 || i === 30 }));
    const signals: VideoSignals = { durationSec: 10, hasAudio: true, seconds: [], fine: fineTrack };
    expect(unusableSpans(signals)).toEqual([{ start: 2, end: 3.25 }, { start: 7.5, end: 7.75 }]);
  });

  it('falls back to the per-second flags', () => {
    const signals: VideoSignals = { durationSec: 5, hasAudio: true, seconds: [0, 1, 2, 3, 4].map((t) => second(t, { obstructed: t === 1, tooDark: t === 2 })) };
    expect(unusableSpans(signals)).toEqual([{ start: 1, end: 3 }]);
  });

  it('the marker is where things moved at the moment, and absent without a fine track or movement', () => {
    const track = Array.from({ length: 40 }, (_, i) => fine(i * 0.25, { cx: i >= 18 && i <= 22 ? 0.8 : null, cy: i >= 18 && i <= 22 ? 0.3 : null, region: 0.09 }));
    const signals: VideoSignals = { durationSec: 10, hasAudio: true, seconds: [], fine: track };
    const marker = movementRegion(signals, 5)!;
    expect(marker.x + marker.w / 2).toBeGreaterThan(0.7); // right of centre, where it moved
    expect(marker.y + marker.h / 2).toBeCloseTo(0.3, 1);
    expect(marker.x + marker.w).toBeLessThanOrEqual(1);
    expect(movementRegion(signals, 1)).toBeNull(); // nothing moved then
    expect(movementRegion({ ...signals, fine: undefined }, 5)).toBeNull();
    expect(footageHints(null, signals, { start: 3, end: 8 }).marker).toBeNull(); // no instant: no marker
    const hints = footageHints({ cooking: { start: 1, end: 9, startSeen: true, stopSeen: true } }, signals, { start: 3, end: 8, at: 5 }, { width: 1080, height: 1920 });
    expect(hints).toMatchObject({ cooking: { start: 1, end: 9 }, at: 5, aspect: 1080 / 1920 });
    expect(hints.marker).toEqual(marker);
  });
});

describe('planning the footage', () => {
  it('the cooking stretch without covered/dark seconds; the whole video when the stretch is unusable', () => {
    const u = usableFootage(60, { unusable: [{ start: 10, end: 12 }], cooking: { start: 5, end: 40 } });
    expect(u.intervals).toEqual([{ start: 5, end: 10 }, { start: 12, end: 40 }]);
    expect(u.skippedSec).toBe(2);
    const covered = usableFootage(60, { unusable: [{ start: 5, end: 40 }], cooking: { start: 5, end: 40 } });
    expect(covered.intervals).toEqual([{ start: 0, end: 5 }, { start: 40, end: 60 }]);
    expect(usableFootage(60, undefined).intervals).toEqual([{ start: 0, end: 60 }]);
  });

  it('drops slivers between cuts', () => {
    expect(subtractSpans([{ start: 0, end: 10 }], [{ start: 2, end: 4 }, { start: 4.3, end: 6 }])).toEqual([{ start: 0, end: 2 }, { start: 6, end: 10 }]);
  });

  it('shots fill the duration exactly, sped up or looped; the tail is the end of the footage', () => {
    const fast = planShots([{ start: 0, end: 100 }], 20, { maxRate: 4 });
    expect(fast.playbackRate).toBe(4);
    expect(fast.ranges.reduce((s, r) => s + r.end - r.start, 0) / 4).toBeCloseTo(20, 6);
    const looped = planShots([{ start: 0, end: 5 }], 12);
    expect(looped.ranges.reduce((s, r) => s + r.end - r.start, 0)).toBeCloseTo(12, 6);
    expect(planTail([{ start: 0, end: 10 }, { start: 20, end: 30 }], 15, 1).ranges).toEqual([{ start: 5, end: 10 }, { start: 20, end: 30 }]);
    expect(enoughFootage(10, [{ start: 0, end: 4 }], [{ start: 0, end: 12 }])).toEqual([{ start: 0, end: 12 }]);
  });
});
