import type { AnalysisResult } from '../../../domain/analysis';
import type { SecondSignal } from '../../../domain/signals';
import type { DialogueDish, DialogueSession } from '../dialogue-types';

/**
 * A session as the local analyzer leaves it, for tests and the bench: oil heating from 0:02,
 * the main ingredient in at 0:06 with a weak sizzle (+3.7 dB), diagnosed with `code`.
 */
export function sampleSession(dish: DialogueDish, code: NonNullable<AnalysisResult['diagnosis']>['code']): DialogueSession {
  const signals: SecondSignal[] = Array.from({ length: 30 }, (_, t) => ({
    t, motion: t >= 6 ? 0.012 : 0.002, loudness: -30, sizzle: t < 6 ? -50 : -46.3, brightness: 0.5, saturation: 0.4, sharpness: 0.6, obstructed: false, tooDark: false, blurry: false,
  }));
  const analysis: AnalysisResult = {
    events: [
      { t: 2, type: 'oil_heating', confidence: 0.8 },
      { t: 6, type: 'ingredient_added', confidence: 0.8 },
      { t: 12, type: 'stirring', confidence: 0.7 },
      { t: 27, type: 'plating', confidence: 0.6 },
    ],
    keyMoments: [{ start: 6, end: 9, reason: { ja: '材料を入れても音が弱い', en: 'A weak sizzle as the food went in.' }, cue: {}, score: 0.8 }],
    diagnosis: {
      code,
      problem: { ja: '材料を入れたときの鍋の温度が足りませんでした。', en: 'The pan was not hot enough when the food went in.' },
      why: { ja: '鍋が冷えると蒸し焼きになります。', en: 'A cool pan steams instead of frying.' },
      evidence: [{ ja: '0:06 に材料を入れても、焼ける音は 3.7 dB しか上がりませんでした。', en: 'At 0:06 the sizzle rose only 3.7 dB when the food went in.' }],
    },
    findings: [],
  };
  return { attemptNumber: 1, dish, analysis, signals };
}
