import { describe, expect, it } from 'vitest';
import type { FineSignal } from '../../domain/signals';
import type { FoundEvent } from './detect-fine-events';
import { refineEvents } from './refine-events';

const q = (t: number, motion: number, frying = 0): FineSignal => ({
  t, motion, movingShare: motion > 0 ? 0.1 : 0, region: motion > 0 ? 0.1 : 0, cx: null, cy: null, covered: false, brightness: 0.5, tooDark: false,
  level: -30, highBand: -35, frying, kind: frying >= 0.5 ? 'frying' : 'other',
});
const ev = (t: number, type: FoundEvent['type']): FoundEvent => ({ t, type, confidence: 0.6, evidence: [] });

describe('refining coarse events on the 0.25 s windows', () => {
  it('moves a toss to its motion peak and the sizzle to its first frying quarter, and leaves others alone', () => {
    const windows = [40, 40.25, 40.5, 40.75, 41, 41.25].map((t) => q(t, t === 40.75 ? 0.09 : 0.01, t >= 40.5 ? 0.9 : 0.1));
    const { events, refined } = refineEvents([ev(41.5, 'flipping'), ev(41, 'sizzle_starts'), ev(80, 'flipping'), ev(41, 'stirring')], windows);
    expect(refined).toBe(2);
    expect(events.find((e) => e.type === 'flipping' && e.t < 50)?.t).toBe(40.88);
    expect(events.find((e) => e.type === 'sizzle_starts')?.t).toBe(40.5);
    expect(events.some((e) => e.type === 'flipping' && e.t === 80)).toBe(true);
    expect(events.find((e) => e.type === 'stirring')?.t).toBe(41);
  });

  it('changes nothing without windows', () => {
    const events = [ev(3, 'flipping')];
    expect(refineEvents(events, undefined)).toEqual({ events, refined: 0 });
  });
});
