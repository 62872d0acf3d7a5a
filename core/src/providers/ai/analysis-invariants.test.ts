import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { analysisResultSchema } from '../../domain/analysis';
import { enforceAnalysisInvariants, fallbackMoment, fitMoment } from './analysis-invariants';
import { toGeminiJsonSchema } from './json-schema';
import { makeSignals, validAnalysis } from './testing/fixtures';

const moment = (start: number, end: number, score = 0.5) => ({ ...validAnalysis().keyMoments[0]!, start, end, score });

describe('analysis invariants', () => {
  const blocked = new Set([30, 31, 32, 33, 34]);

  it('keeps moments that are already fine', () => {
    expect(fitMoment(moment(10, 15), 60, blocked)).toMatchObject({ start: 10, end: 15 });
  });

  it('swaps reversed bounds, clamps to the video and stretches very short moments', () => {
    expect(fitMoment(moment(15, 10), 60, blocked)).toMatchObject({ start: 10, end: 15 });
    expect(fitMoment(moment(57, 90), 60, blocked)).toMatchObject({ start: 57, end: 60 });
    expect(fitMoment(moment(12, 12.5), 60, blocked)).toMatchObject({ start: 12, end: 14 });
    expect(fitMoment(moment(59.5, 59.8), 60, blocked)).toMatchObject({ start: 58, end: 60 });
    expect(fitMoment(moment(60, 70), 60, blocked)).toBeNull();
    expect(fitMoment(moment(Number.NaN, 3), 60, blocked)).toBeNull();
  });

  it('clamps to the longest clear stretch or drops moments over obstructed seconds', () => {
    expect(fitMoment(moment(27, 40), 60, blocked)).toMatchObject({ start: 35, end: 40 });
    expect(fitMoment(moment(29, 36), 60, blocked)).toBeNull(); // 1 s clear on each side: too short
  });

  it('ranks by score, dedupes findings, orders events and drops events past the end', () => {
    const raw = validAnalysis();
    raw.keyMoments = [moment(5, 10, 0.3), moment(40, 45, 0.8)];
    raw.events = [
      { t: 70, type: 'plating', confidence: 0.5 },
      { t: 21, type: 'stirring', confidence: 0.5 },
      { t: 4, type: 'oil_heating', confidence: 0.5 },
    ];
    raw.findings = [
      { code: 'heat_too_low', score: 0.2 },
      { code: 'heat_too_low', score: 0.6 },
    ];
    const out = enforceAnalysisInvariants(raw, makeSignals());
    expect(out.keyMoments.map((m) => m.start)).toEqual([40, 5]);
    expect(out.events.map((e) => e.t)).toEqual([4, 21]);
    expect(out.findings).toEqual([{ code: 'heat_too_low', score: 0.6 }]);
    expect(analysisResultSchema.safeParse(out).success).toBe(true);
  });

  it('falls back around the biggest-motion clear second', () => {
    const m = fallbackMoment(makeSignals());
    expect(m.start).toBeLessThanOrEqual(41);
    expect(m.end).toBeGreaterThanOrEqual(42);
    expect(m.end - m.start).toBeGreaterThanOrEqual(2);
    // Never reaches into the obstructed 30–34 stretch, even when the peak is next to it.
    const signals = makeSignals();
    signals.seconds[35]!.motion = 1;
    const near = fallbackMoment(signals);
    expect(near.start).toBeGreaterThanOrEqual(35);
  });
});

describe('toGeminiJsonSchema', () => {
  it('keeps what Gemini accepts and drops the rest', () => {
    const schema = toGeminiJsonSchema(
      z.object({ name: z.string().min(1).max(5).regex(/^a/), n: z.number().int().positive(), kind: z.literal('x'), when: z.iso.datetime() }),
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string' },
        n: { type: 'integer', minimum: 0 },
        kind: { type: 'string', enum: ['x'] },
        when: { type: 'string', format: 'date-time' },
      },
      required: ['name', 'n', 'kind', 'when'],
      additionalProperties: false,
    });
  });

  it('turns nullable types into anyOf', () => {
    expect(toGeminiJsonSchema(z.object({ slug: z.string().max(9).nullable() })).properties).toEqual({
      slug: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    });
  });

  it('refuses recursive schemas', () => {
    const node: z.ZodType = z.object({ children: z.array(z.lazy(() => node)) });
    expect(() => toGeminiJsonSchema(node)).toThrow(/recursive|\$ref|\$defs/);
  });
});
