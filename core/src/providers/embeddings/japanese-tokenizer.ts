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

/**
 * The kuromoji tokenizer, built once per process on first use (~0.5 s, ~50 MB) and shared.
 * A failed build is not cached, so a later call can try again.
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
  return tokenizer;
}
