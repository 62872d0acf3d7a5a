import { describe, expect, it } from 'vitest';
import { analysisResultSchema, type AnalysisResult } from '../../domain/analysis';
import { analysisTimeline } from './analysis-timeline';

const text = (en: string) => ({ ja: `「${en}」`, en });
const result: AnalysisResult = analysisResultSchema.parse({
  coachable: true,
  abstain: null,
  events: [{ t: 20.13, type: 'ingredient_added', confidence: 0.7 }],
  keyMoments: [{ at: 20.13, start: 17, end: 32, reason: text('The moment the ingredients hit the pan'), cue: {}, score: 0.9, evidence: [{ ...text('sizzle rose 2.1 dB'), start: 17, end: 23.5, signal: 'sizzle', value: 2.1 }] }],
  diagnosis: {
    code: 'pan_not_hot',
    problem: text('cold pan'),
    why: text('why'),
    evidence: [{ ...text('sizzle rose 2.1 dB'), start: 17, end: 23.5, signal: 'sizzle', value: 2.1 }, { ...text('your note says so'), signal: 'note' }],
    confidence: 0.8,
  },
  findings: [
    { code: 'pan_not_hot', score: 0.8, evidence: [{ ...text('sizzle rose 2.1 dB'), start: 17, end: 23.5, signal: 'sizzle', value: 2.1 }] },
    { code: 'not_moving', score: 0.1, evidence: [{ ...text('idle 3 s'), start: 40, end: 43, signal: 'pan_activity', value: 3 }] },
    { code: 'heat_dropped', score: 0.4, evidence: [{ ...text('fell 12 dB'), start: 28, end: 700, signal: 'sizzle', value: -12 }] },
  ],
  heatCurve: Array.from({ length: 900 }, (_, t) => ({ t, heat: t < 20 ? 0 : 0.6 })),
  cooking: { start: 20, end: 800, startSeen: true, stopSeen: true },
  sampling: { mode: 'full', stepSec: 0.25 },
});

describe('analysisTimeline', () => {
  it('sends each evidence span once, tagged with its claim, clamped to the video; leaves out weak findings and untimed lines', () => {
    const tl = analysisTimeline(result, 600);
    expect(tl.spans).toEqual([
      { start: 17, end: 23.5, signal: 'sizzle', claim: 'diagnosis', code: 'pan_not_hot', text: text('sizzle rose 2.1 dB'), value: 2.1 },
      { start: 28, end: 600, signal: 'sizzle', claim: 'finding', code: 'heat_dropped', text: text('fell 12 dB'), value: -12 },
    ]);
    expect(tl.moments).toEqual([{ at: 20.13, start: 17, end: 32, reason: text('The moment the ingredients hit the pan') }]);
    expect(tl.cooking).toEqual({ start: 20, end: 800, startSeen: true, stopSeen: true });
    expect(tl.coachable).toBe(true);
  });

  it('averages the heat curve into at most 300 points', () => {
    const heat = analysisTimeline(result, 900).heat!;
    expect(heat.stepSec).toBe(3);
    expect(heat.values).toHaveLength(300);
    expect(heat.values[0]).toBe(0);
    expect(heat.values[6]).toBeCloseTo(0.2, 3); // seconds 18 and 19 at 0, 20 at 0.6
    expect(heat.values[299]).toBe(0.6);
  });

  it('gives the abstention and what was seen, and no heat curve without sound', () => {
    const tl = analysisTimeline(
      analysisResultSchema.parse({
        coachable: false,
        abstain: { reason: 'not_cooking', message: text('nothing cooking'), seen: [{ ...text('no pan work'), start: 0, end: 30, signal: 'pan_activity', value: 0 }] },
        events: [],
        keyMoments: [],
        diagnosis: null,
        findings: [],
      }),
      30,
    );
    expect(tl.abstain).toEqual({ reason: 'not_cooking', message: text('nothing cooking') });
    expect(tl.heat).toBeNull();
    expect(tl.spans).toEqual([{ start: 0, end: 30, signal: 'pan_activity', claim: 'seen', code: null, text: text('no pan work'), value: 0 }]);
  });
});
