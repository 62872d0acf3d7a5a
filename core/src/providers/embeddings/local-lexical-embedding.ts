import { EMBEDDING_DIMENSIONS } from './embedding-provider';
import type { EmbeddingProvider } from './embedding-provider';
import { getJapaneseTokenizer } from './japanese-tokenizer';
import type { JapaneseToken, JapaneseTokenizer } from './japanese-tokenizer';
import { l2Normalize } from './vector-math';

export const LOCAL_LEXICAL_MODEL = 'local-lexical-v1';

/*
 * local-lexical-v1 — an honest offline embedding: no semantics beyond shared words, but stable
 * and good enough to rank principle chunks that use the same cooking vocabulary as a question.
 *
 * 1. NFKC-normalise; Latin words (lower-cased, stop words dropped, light suffix stemming) are
 *    taken out and handled separately from the Japanese text.
 * 2. Japanese: kuromoji (IPADIC) tokens, base forms; particles, auxiliaries, symbols, fillers,
 *    conjunctions, prefixes, pronouns, numbers, suffixes and light verbs (する, いる, ある…) dropped.
 *    A kanji verb in す (熱す) is reduced to its stem (熱), so 熱する (熱 + する) and 熱して agree.
 * 3. Features: content-word unigrams (weight 1), adjacent content-word bigrams (0.7), character
 *    bigrams inside kanji/katakana runs of a word (0.5: 味噌汁 → 味噌, 噌汁; フライパン → フラ, ライ…)
 *    and single kanji (0.35), so 予熱 still meets 熱 and a mis-split compound still overlaps.
 * 4. Feature hashing into 768 dims (FNV-1a 32-bit for the index, a second FNV-1a for the sign),
 *    sublinear tf (1 + ln tf) × weight, L2-normalised. A text with no features maps to a fixed
 *    unit vector (the "empty" feature), never to a zero vector (cosine would be undefined).
 *
 * Changing any of this changes the vectors: bump the model id (local-lexical-v2) so stored rows
 * are re-embedded.
 */

const WEIGHT = { word: 1, bigram: 0.7, charBigram: 0.5, kanji: 0.35, latin: 1, latinBigram: 0.7 } as const;

const DROP_POS = new Set(['助詞', '助動詞', '記号', 'フィラー', 'その他', '連体詞', '接続詞', '感動詞', '接頭詞']);
const DROP_NOUN_DETAIL = new Set(['非自立', '代名詞', '数', '接尾', '特殊']);
const LIGHT_VERBS = new Set(['する', 'いる', 'ある', 'なる', 'できる', 'れる', 'られる', 'せる', 'させる', 'やる', 'くる', 'いく', 'おく', 'みる', 'しまう', 'くれる', 'もらう']);
const LATIN_STOP = new Set(
  'a about after an and are as at be been before but by can do does for from had has have how i if in into is it its just me more my no not of on or our over so some than that the then there these they this to too until up very was we were what when which while who why will with you your'.split(
    ' ',
  ),
);

const KANJI = /\p{Script=Han}/u;
const KANJI_ONLY = /^\p{Script=Han}+$/u;
const KATAKANA_OR_KANJI = /[\p{Script=Han}\p{Script=Katakana}]/u;
const HAS_LETTER = /\p{L}/u;
const KATAKANA_OR_KANJI_PAIR = /^[\p{Script=Han}\p{Script=Katakana}ー]{2}$/u;
const LATIN_WORD = /[a-z][a-z0-9]*(?:['’][a-z]+)?/g;

function stemLatin(word: string): string {
  let w = word.replace(/['’]s$/, '');
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w;
}

function contentForm(token: JapaneseToken): string | null {
  if (DROP_POS.has(token.pos)) return null;
  if (token.pos === '名詞' && DROP_NOUN_DETAIL.has(token.pos_detail_1)) return null;
  if ((token.pos === '動詞' || token.pos === '形容詞') && (token.pos_detail_1 === '非自立' || token.pos_detail_1 === '接尾')) return null;
  let base = token.basic_form && token.basic_form !== '*' ? token.basic_form : token.surface_form;
  base = base.trim();
  if (!HAS_LETTER.test(base)) return null;
  if (token.pos === '動詞') {
    if (LIGHT_VERBS.has(base)) return null;
    // サ変-like kanji verbs: 熱す / 熱する → 熱 (matches the noun 熱 followed by する)
    const stem = base.endsWith('する') ? base.slice(0, -2) : base.endsWith('す') ? base.slice(0, -1) : '';
    if (stem && KANJI_ONLY.test(stem)) base = stem;
  }
  return base;
}

/** Weighted features of one text (feature → summed weight before tf scaling is applied per feature). */
export function lexicalFeatures(text: string, tokenizer: JapaneseTokenizer): Map<string, { tf: number; weight: number }> {
  const features = new Map<string, { tf: number; weight: number }>();
  const add = (feature: string, weight: number) => {
    const f = features.get(feature);
    if (f) f.tf += 1;
    else features.set(feature, { tf: 1, weight });
  };

  const normalised = text.normalize('NFKC').toLowerCase();
  const latin = (normalised.match(LATIN_WORD) ?? []).map(stemLatin).filter((w) => w.length > 1 && !LATIN_STOP.has(w));
  latin.forEach((w, i) => {
    add(`l:${w}`, WEIGHT.latin);
    if (i > 0) add(`lb:${latin[i - 1]}|${w}`, WEIGHT.latinBigram);
  });

  const japanese = normalised.replace(LATIN_WORD, ' ');
  const words = tokenizer
    .tokenize(japanese)
    .map(contentForm)
    .filter((w): w is string => w !== null);
  words.forEach((w, i) => {
    add(`w:${w}`, WEIGHT.word);
    if (i > 0) add(`b:${words[i - 1]}|${w}`, WEIGHT.bigram);
    if (KATAKANA_OR_KANJI.test(w)) {
      const chars = [...w];
      for (let j = 1; j < chars.length; j++) {
        const pair = `${chars[j - 1]}${chars[j]}`;
        if (KATAKANA_OR_KANJI_PAIR.test(pair)) add(`c:${pair}`, WEIGHT.charBigram);
      }
      for (const ch of chars) if (KANJI.test(ch)) add(`k:${ch}`, WEIGHT.kanji);
    }
  });
  return features;
}

const encoder = new TextEncoder();

/** FNV-1a 32-bit over the UTF-8 bytes. */
export function fnv1a32(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (const byte of encoder.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const SIGN_BASIS = 0x9747b28c;

export function hashFeatures(features: Map<string, { tf: number; weight: number }>, dims = EMBEDDING_DIMENSIONS): number[] {
  const vector = new Array<number>(dims).fill(0);
  const entries = features.size ? [...features] : ([['∅', { tf: 1, weight: 1 }]] as const);
  for (const [feature, { tf, weight }] of entries) {
    const index = fnv1a32(feature) % dims;
    const sign = fnv1a32(feature, SIGN_BASIS) & 1 ? 1 : -1;
    vector[index] = (vector[index] as number) + sign * weight * (1 + Math.log(tf));
  }
  const unit = l2Normalize(vector);
  // Signed hashing can cancel features out exactly; keep the vector well defined.
  return unit.some((v) => v !== 0) ? unit : hashFeatures(new Map(), dims);
}

/** Offline embeddings from kuromoji tokens hashed into 768 dims (model id "local-lexical-v1"). */
export class LocalLexicalEmbedding implements EmbeddingProvider {
  readonly model = LOCAL_LEXICAL_MODEL;
  readonly dimensions = EMBEDDING_DIMENSIONS;

  async embed(texts: string[], _kind: 'document' | 'query', signal?: AbortSignal): Promise<number[][]> {
    signal?.throwIfAborted();
    const tokenizer = await getJapaneseTokenizer();
    return texts.map((text) => {
      signal?.throwIfAborted();
      return hashFeatures(lexicalFeatures(text, tokenizer));
    });
  }
}
