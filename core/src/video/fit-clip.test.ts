import { describe, expect, it } from 'vitest';
import { fitClip } from './fit-clip';

const line = (id: string, offset: number, durationSec: number) => ({ id, offset, durationSec });

describe('fitClip', () => {
  it('leaves a script that fits as it is: the moment at 1×, then 2 s around it at 0.5×', () => {
    const fitted = fitClip({ keyMoment: { start: 10, end: 20 }, at: 14, sourceSec: 60, lines: [line('part2.0', 0.5, 3), line('part2.1', 5, 3)] });
    expect(fitted.adjustments).toEqual([]);
    expect(fitted.source).toEqual({ start: 10, end: 20 });
    expect(fitted.replay).toEqual({ ranges: [{ start: 13, end: 15 }], rate: 0.5 });
    expect(fitted.lineStarts).toEqual([0.5, 5]);
    expect(fitted.durationSec).toBe(14);
  });

  it('spreads overlapping lines and says which moved', () => {
    const fitted = fitClip({ keyMoment: { start: 10, end: 20 }, sourceSec: 60, lines: [line('part2.0', 0.5, 3), line('part2.1', 2, 2)] });
    expect(fitted.lineStarts).toEqual([0.5, 3.8]);
    expect(fitted.adjustments.map((a) => [a.code, a.lineId])).toEqual([['line_moved', 'part2.1']]);
  });

  it('lets the narration run on over the replay before changing anything else', () => {
    const fitted = fitClip({ keyMoment: { start: 10, end: 20 }, at: 15, sourceSec: 60, lines: [line('part2.0', 8, 4)] });
    expect(fitted.adjustments).toEqual([]);
    expect(fitted.durationSec).toBeGreaterThanOrEqual(12.4);
  });

  it('extends the clip inside the source, then slows the replay down to 0.25×, then repeats it', () => {
    const extended = fitClip({ keyMoment: { start: 10, end: 15 }, at: 12, sourceSec: 60, lines: [line('part2.0', 1, 12)] });
    expect(extended.adjustments.map((a) => a.code)).toEqual(['clip_extended']);
    expect(extended.source.end).toBeCloseTo(15 + (13.4 - 9), 1);

    const slowed = fitClip({ keyMoment: { start: 5, end: 10 }, at: 8, sourceSec: 10, lines: [line('part2.0', 1, 10)] });
    expect(slowed.adjustments.map((a) => a.code)).toEqual(['replay_slowed']);
    expect(slowed.replay.rate).toBeGreaterThanOrEqual(0.25);
    expect(slowed.replay.rate).toBeLessThan(0.5);
    expect(slowed.durationSec).toBeGreaterThanOrEqual(11.4 - 1e-6);

    const repeated = fitClip({ keyMoment: { start: 5, end: 10 }, at: 8, sourceSec: 10, lines: [line('part2.0', 1, 40)] });
    expect(repeated.adjustments.map((a) => a.code)).toEqual(['replay_slowed', 'replay_extended']);
    expect(repeated.replay.rate).toBe(0.25);
    expect(repeated.replay.ranges.length).toBeGreaterThan(1);
    expect(repeated.durationSec).toBeGreaterThanOrEqual(41.4 - 1e-6);
    const replaySec = repeated.replay.ranges.reduce((s, r) => s + r.end - r.start, 0) / repeated.replay.rate;
    expect(5 + replaySec).toBeCloseTo(repeated.durationSec, 1);
  });

  it('widens a too-short moment and moves it back at the source end, keeping offsets on the same instant', () => {
    const fitted = fitClip({ keyMoment: { start: 9.5, end: 12 }, sourceSec: 10, lines: [line('part2.0', 0.2, 1)] });
    expect(fitted.source).toEqual({ start: 8, end: 10 });
    expect(fitted.lineStarts).toEqual([1.7]); // 9.5 + 0.2 s in the source
    expect(fitted.adjustments[0]).toMatchObject({ code: 'clip_moved' });
    expect(fitted.adjustments[0]!.ja).toContain('8.0〜10.0秒');
    expect(fitted.adjustments[0]!.en).toContain('8.0–10.0 s');
  });

  it('a source shorter than the minimum clip is shown whole', () => {
    const fitted = fitClip({ keyMoment: { start: 0, end: 1.5 }, sourceSec: 1.5, lines: [line('part2.0', 0, 2)] });
    expect(fitted.source).toEqual({ start: 0, end: 1.5 });
    expect(fitted.durationSec).toBeGreaterThanOrEqual(2.4 - 1e-6);
  });
});
