import { getJapaneseTokenizer } from '../embeddings/japanese-tokenizer';
import type { JapaneseTokenizer } from '../embeddings/japanese-tokenizer';
import defaultOverrides from './reading-overrides.json' with { type: 'json' };

/** Word → katakana reading, for words kuromoji's IPADIC misreads (cooking terms, names). */
export type ReadingOverrides = Readonly<Record<string, string>>;

export const DEFAULT_READING_OVERRIDES: ReadingOverrides = defaultOverrides;

const LETTER_NAMES: Record<string, string> = {
  a: 'エー', b: 'ビー', c: 'シー', d: 'ディー', e: 'イー', f: 'エフ', g: 'ジー', h: 'エイチ', i: 'アイ',
  j: 'ジェー', k: 'ケー', l: 'エル', m: 'エム', n: 'エヌ', o: 'オー', p: 'ピー', q: 'キュー', r: 'アール',
  s: 'エス', t: 'ティー', u: 'ユー', v: 'ブイ', w: 'ダブリュー', x: 'エックス', y: 'ワイ', z: 'ゼット',
};

/** Emoji, pictographs, their modifiers/joiners/variation selectors and flags. */
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0e|\ufe0f|\u20e3/gu;

/** Removes emoji (they have no reading); keeps everything else. */
export function stripEmoji(text: string): string {
  return text.replace(EMOJI, ' ').replace(/\s+/g, ' ').trim();
}

/** "IH" → "アイエイチ": Latin letters are spelled out, the way a Japanese speaker reads an acronym. */
export function spellLatin(word: string): string {
  return [...word.toLowerCase()].map((c) => LETTER_NAMES[c] ?? '').join('');
}

const KANA = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u;
const LATIN = /^[A-Za-z]+$/;
const DIGITS = /^[0-9]+([.,][0-9]+)?$/;
const PAUSE_LONG = /^[。．.!！?？]+$/;
const PAUSE_SHORT = /^[、，,・:：;；…]+$/;

export interface JapaneseReading {
  /** Katakana (plus digits and pause punctuation) for espeak-ng's Japanese voice. */
  kana: string;
  /** Surface forms that had no reading and were left out (unknown kanji, symbols). */
  unread: string[];
}

/**
 * Japanese text → a katakana reading espeak-ng's `ja` voice pronounces (it reads kana directly,
 * not kanji). Uses kuromoji's pronunciation field (は→ワ, 注目→チューモク), the override
 * dictionary first (味見→アジミ), strips emoji, spells Latin letters, keeps digits (espeak reads
 * them) and turns punctuation into pauses.
 */
export async function japaneseReading(
  text: string,
  options: { overrides?: ReadingOverrides; tokenizer?: JapaneseTokenizer } = {},
): Promise<JapaneseReading> {
  const overrides = options.overrides ?? DEFAULT_READING_OVERRIDES;
  const tokenizer = options.tokenizer ?? (await getJapaneseTokenizer());
  const normalized = stripEmoji(text.normalize('NFKC'));
  // Override words are cut out first (longest first) and never re-tokenized.
  const words = Object.keys(overrides).sort((a, b) => b.length - a.length);
  const pieces: Array<{ reading: string } | { text: string }> = [];
  let rest = normalized;
  while (rest) {
    let best: { at: number; word: string } | undefined;
    for (const word of words) {
      const at = rest.indexOf(word);
      if (at >= 0 && (!best || at < best.at)) best = { at, word };
    }
    if (!best) {
      pieces.push({ text: rest });
      break;
    }
    if (best.at > 0) pieces.push({ text: rest.slice(0, best.at) });
    pieces.push({ reading: toKatakana(overrides[best.word] ?? '') });
    rest = rest.slice(best.at + best.word.length);
  }

  // Phrases (bunsetsu): particles, auxiliaries, suffixes and dependent verbs join the word before,
  // which gives espeak-ng word boundaries close to natural Japanese phrasing.
  const phrases: string[] = [];
  const unread: string[] = [];
  const add = (kana: string, attach: boolean) => {
    if (attach && phrases.length && !/[、。]$/.test(phrases[phrases.length - 1]!)) phrases[phrases.length - 1] += kana;
    else phrases.push(kana);
  };
  for (const piece of pieces) {
    if ('reading' in piece) {
      add(piece.reading, false);
      continue;
    }
    for (const token of tokenizer.tokenize(piece.text)) {
      const surface = token.surface_form.trim();
      if (!surface) continue;
      const attach = token.pos === '助詞' || token.pos === '助動詞' || token.pos_detail_1 === '接尾' || token.pos_detail_1 === '非自立';
      if (PAUSE_LONG.test(surface)) add('。', true);
      else if (PAUSE_SHORT.test(surface)) add('、', true);
      else if (LATIN.test(surface)) add(spellLatin(surface), false);
      else if (DIGITS.test(surface)) add(surface.replace(',', '').replace('.', 'テン'), false);
      else {
        const reading = token.pronunciation && token.pronunciation !== '*' ? token.pronunciation : token.reading && token.reading !== '*' ? token.reading : undefined;
        if (reading && KANA.test(reading)) add(reading.replace(/ヲ/g, 'オ'), attach);
        else if (KANA.test(surface)) add(toKatakana(surface).replace(/ヲ/g, 'オ'), attach);
        else if (/[\p{L}\p{N}]/u.test(surface)) {
          // Mixed tokens: read what can be read, character by character.
          const mixed = [...surface].map((c) => (LATIN.test(c) ? spellLatin(c) : KANA.test(c) ? toKatakana(c) : /[0-9]/.test(c) ? c : '')).join('');
          if (mixed) add(mixed, false);
          else unread.push(surface);
        }
      }
    }
  }
  const kana = phrases
    .join(' ')
    .replace(/^[、。\s]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { kana, unread };
}

function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}
