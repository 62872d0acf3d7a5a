import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisResultSchema } from '../../domain/analysis';
import type { DishRubric } from '../../domain/rubric';
import { analyzeFile, type AnalyzedFile } from './analyze-file';
import { LocalVideoAnalyzer } from './local-analyzer';
import { makeCameraWalkClip, makeCornerTossClip, makeSpeechHumClip, TOSS_TIMES } from './testing/physical-clips';

const rubric: DishRubric = {
  slug: 'pancakes',
  name: { ja: 'パンケーキ', en: 'Pancakes' },
  expectedSeconds: [240, 900],
  motion: 'intermittent',
  sizzleExpected: true,
  corePrinciple: 'fried-rice-hot-pan',
  watchFor: ['pan_not_hot', 'heat_dropped', 'too_short', 'scorch_risk'],
};
const analyzer = new LocalVideoAnalyzer();
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ajimi-physical-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const run = (file: string): Promise<AnalyzedFile> => analyzeFile(file, { analyzer, rubric, principles: [], mode: 'full' });
const PAN_EVENTS = ['ingredient_added', 'flipping', 'stirring', 'browning'];

describe('the analyzer on the physical situations of real footage (generated clips)', () => {
  it('a head camera walking through a room (the whole picture moves) makes no claim about a pan', async () => {
    const file = path.join(dir, 'walk.mp4');
    await makeCameraWalkClip(file);
    const { result } = await run(file);
    expect(analysisResultSchema.safeParse(result).success).toBe(true);
    expect(result.events.filter((e) => PAN_EVENTS.includes(e.type))).toEqual([]);
    if (result.coachable) expect(result.diagnosis?.code).not.toBe('pan_not_hot');
    else expect(result.keyMoments).toEqual([]);
  }, 60_000);

  it('finds three quick tosses in one corner within ±1 s at 0.25 s, claims nothing under the hand over the lens, and never takes the clip for the cooking time', async () => {
    const file = path.join(dir, 'toss.mp4');
    const coverAt = 8.5;
    await makeCornerTossClip(file, 10, coverAt);
    const { result, seconds } = await run(file);
    expect(analysisResultSchema.safeParse(result).success).toBe(true);
    expect(result.coachable).toBe(true);
    expect(result.sampling?.stepSec).toBe(0.25);
    const flips = result.events.filter((e) => e.type === 'flipping');
    for (const t of TOSS_TIMES) expect(flips.some((e) => Math.abs(e.t - t) <= 1), `a toss near ${t} s in ${JSON.stringify(result.events)}`).toBe(true);
    // Frying heard from the first second: the food was already in a hot pan, nothing "went in".
    expect(result.events.filter((e) => e.type === 'ingredient_added')).toEqual([]);
    // Nothing inside the covered part: no event, no key moment instant or window.
    expect(result.events.every((e) => e.t < coverAt)).toBe(true);
    for (const m of result.keyMoments) expect(m.end).toBeLessThanOrEqual(coverAt);
    expect(seconds.filter((s) => s.t >= 9).every((s) => s.obstructed)).toBe(true);
    // The clip starts and ends mid-cook: no claim about how long it cooked, nor a cold pan.
    expect(result.cooking?.startSeen).toBe(false);
    for (const f of result.findings ?? []) if (['too_short', 'too_long_on_heat', 'heat_too_low', 'pan_not_hot'].includes(f.code)) expect(f.score, f.code).toBeLessThan(0.25);
  }, 60_000);

  it('speech over an extractor fan is never frying, and a body passing the lens is not ingredients', async () => {
    const file = path.join(dir, 'speech.mp4');
    await makeSpeechHumClip(file);
    const { result, seconds } = await run(file);
    expect(analysisResultSchema.safeParse(result).success).toBe(true);
    for (const s of seconds) expect(s.frying ?? 0, `second ${s.t}`).toBeLessThan(0.5);
    expect(result.events.filter((e) => e.type === 'sizzle_starts' || e.type === 'ingredient_added')).toEqual([]);
    expect(result.coachable).toBe(false);
    expect(result.abstain?.reason).toBe('not_cooking');
  }, 60_000);
});
