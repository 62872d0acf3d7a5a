import { createRequire } from 'node:module';
import path from 'node:path';
import kuromoji from 'kuromoji';
import type { IpadicFeatures, Tokenizer } from 'kuromoji';

export type JapaneseToken = IpadicFeatures;
export type JapaneseTokenizer = Tokenizer<IpadicFeatures>;

/** kuromoji's bundled IPADIC dictionary (node_modules/kuromoji/dict). */
export function kuromojiDictPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
}

let tokenizer: Promise<JapaneseTokenizer> | undefined;
let releaseTimer: NodeJS.Timeout | undefined;
// Ten minutes: a cook's burst of questions (or a coaching video's narration) stays warm; a product
// left alone gives the memory back.
let idleMs = 10 * 60_000;

/**
 * How long the tokenizer stays loaded after its last use (default 10 min). It holds ~250 MB of
 * dictionary, so an idle process lets it go; the next use rebuilds it (~0.5–1.5 s).
 */
export function setJapaneseTokenizerIdleMs(ms: number): void {
  idleMs = ms;
}

function releaseJapaneseTokenizer(): void {
  tokenizer = undefined;
  releaseTimer = undefined;
  // Freed memory goes back only at the next full GC, which an idle process may not run for a long
  // time; `npm start` passes --expose-gc so the release is immediate.
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * The kuromoji tokenizer, built once on first use (~0.5 s, ~250 MB) and shared until it has been
 * unused for the idle time. A failed build is not cached, so a later call can try again.
 */
export function getJapaneseTokenizer(): Promise<JapaneseTokenizer> {
  tokenizer ??= new Promise<JapaneseTokenizer>((resolve, reject) => {
    kuromoji.builder({ dicPath: kuromojiDictPath() }).build((err, built) => {
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve(built);
    });
  }).catch((err: unknown) => {
    tokenizer = undefined;
    throw err;
  });
  clearTimeout(releaseTimer);
  releaseTimer = setTimeout(releaseJapaneseTokenizer, idleMs).unref();
  return tokenizer;
}
