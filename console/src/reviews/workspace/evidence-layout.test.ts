import { describe, expect, it } from 'vitest';
import { heatPath, laneSpans, largestHeatChange, type EvidenceSpan } from './evidence-layout';

const span = (start: number, end: number): EvidenceSpan => ({ start, end, signal: 'sizzle', claim: 'finding', code: null, text: { ja: 'x', en: 'x' }, value: null });

describe('evidence timeline layout', () => {
  it('puts overlapping spans in separate lanes and reuses a lane once it is free', () => {
    const laid = laneSpans([span(10, 20), span(0, 5), span(3, 12), span(21, 30), span(15, 15)], 1);
    const lane = (s: number) => laid.find((x) => x.start === s)!.lane;
    expect(lane(0)).toBe(0);
    expect(lane(3)).toBe(1);
    expect(lane(10)).toBe(0);
    expect(lane(15)).toBe(1); // an instant, widened to 1 s
    expect(laid.find((x) => x.start === 15)!.drawEnd).toBe(16);
    expect(lane(21)).toBe(0);
  });

  it('draws the heat curve across the box, hot at the top', () => {
    expect(heatPath({ stepSec: 2, values: [0, 1] }, 4, 100, 50)).toBe('M25 50 L75 0');
    expect(heatPath({ stepSec: 1, values: [] }, 4, 100, 50)).toBe('');
  });

  it('names where the heat changed most, or nothing when it hardly changed', () => {
    expect(largestHeatChange({ stepSec: 1, values: [0.8, 0.8, 0.8, 0.8, 0.2, 0.2, 0.2, 0.2] })).toEqual({ t: 4, from: 0.8, to: 0.2 });
    expect(largestHeatChange({ stepSec: 1, values: [0.5, 0.55, 0.5, 0.52, 0.5, 0.5] })).toBeNull();
  });
});
