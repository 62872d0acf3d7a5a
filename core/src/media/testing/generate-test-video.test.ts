import { describe, expect, it } from 'vitest';
import { COOKING_EVENT_TYPES } from '../../domain/analysis';
import { testVideoArgs, testVideoTimeline } from './generate-test-video';

describe('testVideoTimeline', () => {
  it('lays out a 60 s cook', () => {
    const tl = testVideoTimeline();
    expect(tl).toMatchObject({ durationSec: 60, addAt: 15, dark: { start: 30, end: 34 }, flipAt: 42, plateAt: 52, width: 640, height: 360 });
    expect(tl.stirring.length).toBeGreaterThan(0);
    for (const s of tl.stirring) {
      expect(s.start).toBeGreaterThan(tl.burst.end);
      expect(s.end).toBeLessThan(tl.plateAt);
      expect(s.end <= tl.dark!.start - 1 || s.start >= tl.dark!.end + 1).toBe(true);
    }
    const types = tl.moments.map((m) => m.type);
    for (const t of types) expect([...COOKING_EVENT_TYPES, 'obstructed']).toContain(t);
    expect(tl.moments.map((m) => m.t)).toEqual([...tl.moments.map((m) => m.t)].sort((a, b) => a - b));
  });

  it('scales to the 5-minute benchmark and knows its variants', () => {
    const tl = testVideoTimeline({ durationSec: 300, width: 1920, height: 1080 });
    expect(tl).toMatchObject({ addAt: 75, flipAt: 210, plateAt: 261, dark: { start: 150, end: 168 } });
    const still = testVideoTimeline({ movement: 'none', sizzle: 'weak', dark: false });
    expect(still).toMatchObject({ flipAt: null, stirring: [], dark: null });
    expect(still.sizzleLevels.cooking / still.sizzleLevels.heating).toBeLessThan(2);
    expect(still.moments.some((m) => m.type === 'sizzle_starts')).toBe(false);
  });

  it('honours event overrides and rejects impossible ones', () => {
    expect(testVideoTimeline({ durationSec: 20, events: { addAt: 3, darkStart: 8, darkEnd: 10, flipAt: 13, plateAt: 17 } })).toMatchObject({
      addAt: 3,
      dark: { start: 8, end: 10 },
      flipAt: 13,
      plateAt: 17,
    });
    expect(() => testVideoTimeline({ durationSec: 20, events: { plateAt: 25 } })).toThrow();
    expect(() => testVideoTimeline({ durationSec: 3 })).toThrow();
  });

  it('builds deterministic ffmpeg arguments (no shell, one filter graph)', () => {
    const a = testVideoArgs('/tmp/x.mp4', { durationSec: 20 });
    expect(a).toEqual(testVideoArgs('/tmp/x.mp4', { durationSec: 20 }));
    expect(a).toContain('-filter_complex');
    expect(a.at(-1)).toBe('/tmp/x.mp4');
    expect(() => testVideoArgs('/tmp/x.webm', { rotation: 90 })).toThrow();
    expect(testVideoArgs('/tmp/x.mp4', { audio: false })).not.toContain('aac');
  });
});
