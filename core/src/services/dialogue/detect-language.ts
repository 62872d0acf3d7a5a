import type { Lang } from './dialogue-types';

/** Japanese when the question has any kana or kanji; English otherwise. The answer follows the question. */
export function detectLanguage(text: string): Lang {
  return /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/.test(text) ? 'ja' : 'en';
}
