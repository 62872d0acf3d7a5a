import { describe, expect, it } from 'vitest';
import { footageHints } from './footage-hints';
import { planOutro } from './plan-outro';

const length = (rs: Array<{ start: number; end: number }>) => rs.reduce((s, r) => s + r.end - r.start, 0);
const base = {
  outroSec: 25,
  moment: { start: 38, end: 53, at: 41 },
  usable: { intervals: [{ start: 5, end: 58 }], wider: [{ start: 0, end: 60 }] },
  unusable: [],
  sourceSec: 60,
};

describe('the outro over the cook’s own footage', () => {
  it('replays the best moment from just before its event, then closes on the end of the cooking, exactly as long as the outro', () => {
    const plan = planOutro(base);
    expect(plan.playbackRate).toBe(1);
    expect(plan.ranges[0]).toEqual({ start: 39.5, end: 47.5 });
    expect(plan.ranges.at(-1)!.end).toBeCloseTo(58, 5);
    expect(length(plan.ranges)).toBeCloseTo(25, 6);
  });

  it('closes on the finished dish when the analysis saw it, and leaves covered seconds out of the replay', () => {
    const plan = planOutro({ ...base, finishedFrom: 55, unusable: [{ start: 42, end: 44 }] });
    const replay = plan.ranges.filter((r) => r.start >= 38 && r.end <= 53);
    for (const r of replay) expect(r.end <= 42 || r.start >= 44).toBe(true);
    expect(plan.ranges.at(-1)!.end).toBe(60);
    expect(length(plan.ranges)).toBeCloseTo(25, 6);
  });

  it('a short outro keeps the dish: the replay takes at most 40 % of it', () => {
    const plan = planOutro({ ...base, outroSec: 10 });
    expect(length(plan.ranges.slice(0, 1))).toBeCloseTo(4, 1);
    expect(length(plan.ranges)).toBeCloseTo(10, 6);
  });

  it('the finished dish is seen from plating, else from the cooking’s stop when the clip shows it', () => {
    const cooking = { start: 5, end: 50, startSeen: true, stopSeen: true };
    expect(footageHints({ cooking, events: [{ t: 52, type: 'plating', confidence: 0.6 }] }, null, null).finishedFrom).toBe(52);
    expect(footageHints({ cooking, events: [] }, null, null).finishedFrom).toBe(50);
    expect(footageHints({ cooking: { ...cooking, stopSeen: false } }, null, null).finishedFrom).toBeNull();
  });
});
