import type { AnalysisResult, KeyMoment } from '../../domain/analysis';
import { composeNarrationScript } from '../../services/coaching/narration-script';
import type { NarrationScript } from '../../services/coaching/narration-script';
import type { BuildTimelineInput, TimelineTts } from '../build-timeline';

/** Test data for the timeline tests: a fried-rice session with a 60 s source and a key moment at 38–53 s. */
export const DISH = { ja: 'チャーハン', en: 'Fried rice' };

export function keyMomentAt(start: number, end: number): KeyMoment {
  return {
    start,
    end,
    reason: { ja: '0:41 卵を入れた瞬間、音が弱い', en: '0:41 the egg goes in and the sizzle is weak' },
    cue: { sound: { ja: 'ジュッという音', en: 'the sizzle' }, sight: { ja: '鍋の表面', en: 'the pan surface' } },
    score: 0.8,
  };
}

const b = (ja: string, en: string) => ({ ja, en });
export const ANALYSIS: AnalysisResult = {
  events: [{ t: 41, type: 'ingredient_added', confidence: 0.8 }],
  keyMoments: [keyMomentAt(38, 53)],
  diagnosis: {
    code: 'pan_not_hot',
    problem: b('鍋が十分に熱くなる前に卵を入れました。', 'the egg went in before the pan was hot.'),
    why: b('鍋が冷たいと、卵が油を吸ってべたつきます。', 'A cold pan lets the egg soak up oil and turn soggy.'),
    evidence: [b('0:41 音が弱い', '0:41 weak sizzle')],
  },
  findings: [],
};

export function makeScript(keyMoment: KeyMoment = keyMomentAt(38, 53)): NarrationScript {
  return composeNarrationScript({
    learnerName: 'あいこ',
    attemptNumber: 3,
    dish: DISH,
    corePrinciple: { title: b('鍋をしっかり熱してから油', 'Heat the pan before the oil'), skill: b('煙が少し立つまで鍋を熱します。', 'Heat the pan until it just starts to smoke.') },
    focusPrinciple: null,
    analysis: ANALYSIS,
    keyMoment,
  });
}

/** A deterministic stand-in for TTS: 0.12 s per Japanese character, 0.06 s per English one (about espeak-ng's pace). */
export const fakeTts: TimelineTts = async (text, lang) => ({
  key: `fake-${lang}-${[...text].reduce((h, c) => (h * 31 + c.codePointAt(0)!) >>> 0, 7).toString(16)}`,
  durationSec: Math.max(0.5, [...text].length * (lang === 'ja' ? 0.12 : 0.06)),
});

export function makeInput(overrides: Partial<BuildTimelineInput> = {}): BuildTimelineInput {
  return {
    script: makeScript(),
    keyMoment: { start: 38, end: 53 },
    source: { durationSec: 60, hasAudio: true },
    learnerName: 'あいこ',
    dish: DISH,
    locale: 'ja',
    tts: fakeTts,
    ...overrides,
  };
}
