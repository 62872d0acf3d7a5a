import type { AnalysisResult } from '../../../domain/analysis';
import type { DishRubric } from '../../../domain/rubric';
import type { SecondSignal, VideoSignals } from '../../../domain/signals';
import type { AnalyzeInput } from '../ai-provider';

/** Test data shared by the AI provider tests. */

export const FRIED_RICE: DishRubric = {
  slug: 'fried-rice',
  name: { ja: 'チャーハン', en: 'Fried rice' },
  expectedSeconds: [120, 420],
  motion: 'constant',
  sizzleExpected: true,
  corePrinciple: 'hot-pan-first',
  watchFor: ['pan_not_hot', 'heat_dropped', 'not_moving'],
};

export const PRINCIPLES: AnalyzeInput['principles'] = [
  { slug: 'hot-pan-first', title: { ja: '鍋をしっかり熱してから油', en: 'Heat the pan before the oil' }, addresses: ['pan_not_hot', 'heat_too_low'] },
  { slug: 'small-batches', title: { ja: '一度に入れすぎない', en: 'Do not crowd the pan' }, addresses: ['heat_dropped'] },
];

/**
 * 60 seconds: quiet heating, ingredients at 20 s with a weak sizzle, the biggest motion at 41 s,
 * and the camera covered during 30–34 s.
 */
export function makeSignals(durationSec = 60): VideoSignals {
  const seconds: SecondSignal[] = [];
  for (let t = 0; t < Math.ceil(durationSec); t++) {
    seconds.push({
      t,
      motion: t === 41 ? 0.9 : t >= 20 ? 0.3 : 0.05,
      loudness: t >= 20 ? -28 : -45,
      sizzle: t >= 20 ? -38 : -70,
      brightness: 0.5,
      saturation: 0.4,
      sharpness: 0.6,
      obstructed: t >= 30 && t <= 34,
      tooDark: false,
      blurry: t === 50,
    });
  }
  return { durationSec, hasAudio: true, seconds };
}

export function makeAnalyzeInput(overrides: Partial<AnalyzeInput> = {}): AnalyzeInput {
  return {
    videoPath: undefined,
    signals: makeSignals(),
    rubric: FRIED_RICE,
    principles: PRINCIPLES,
    learner: { name: 'Aiko', attemptNumber: 3 },
    note: '今日は少し火が弱かった気がします。',
    transcript: null,
    selfRatings: { heat: 2, taste: 4 },
    ...overrides,
  };
}

const b = (ja: string, en: string) => ({ ja, en });

/** A complete analyze/v2 answer (analysisResponseSchema), which is also an AnalysisResult. */
export function validAnalysis(): AnalysisResult {
  return {
    coachable: true,
    abstain: null,
    events: [
      { t: 5, type: 'oil_heating', confidence: 0.8 },
      { t: 20, type: 'ingredient_added', confidence: 0.9 },
      { t: 21, type: 'sizzle_starts', confidence: 0.6 },
    ],
    keyMoments: [
      {
        at: 20,
        start: 18,
        end: 26,
        reason: b('ご飯を入れた瞬間、音が弱い', 'The sizzle is weak as the rice goes in'),
        cue: { sound: b('ジュージューが小さい', 'a faint sizzle'), sight: b('湯気が少ない', 'little steam') },
        score: 0.9,
        evidence: [{ ...b('20秒で音が 2 dB しか上がらない', 'The sizzle rose only 2 dB at 20 s'), start: 17, end: 24, signal: 'sizzle', value: 2 }],
      },
      {
        at: 40,
        start: 38,
        end: 44,
        reason: b('大きくあおる', 'A big toss'),
        cue: {},
        score: 0.6,
        evidence: [{ ...b('40秒で大きな動き', 'A big movement at 40 s'), start: 39.5, end: 40.5, signal: 'motion', value: 0.08 }],
      },
    ],
    diagnosis: {
      code: 'pan_not_hot',
      problem: b('ご飯を入れたとき鍋が十分に熱くなかった', 'The pan was not hot enough when the rice went in'),
      why: b('鍋が冷たいとご飯が蒸されてべたつく', 'A cool pan steams the rice and it turns sticky'),
      evidence: [{ ...b('20秒で具材を入れた後も音が小さい', 'The sizzle stays quiet after the rice goes in at 20 s'), start: 17, end: 24, signal: 'sizzle', value: 2 }],
      confidence: 0.7,
    },
    findings: [{ code: 'heat_too_low', score: 0.4, confidence: 0.3, evidence: [] }],
    cooking: { start: 20, end: 58, startSeen: true, stopSeen: false },
  };
}
