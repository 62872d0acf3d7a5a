import { beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddingProvider } from './create-embedding-provider';
import { getJapaneseTokenizer } from './japanese-tokenizer';
import type { JapaneseTokenizer } from './japanese-tokenizer';
import { fnv1a32, lexicalFeatures, LocalLexicalEmbedding } from './local-lexical-embedding';
import { cosineSimilarity } from './vector-math';

const provider = new LocalLexicalEmbedding();
let tokenizer: JapaneseTokenizer;

const norm = (v: number[]) => Math.sqrt(v.reduce((a, x) => a + x * x, 0));

beforeAll(async () => {
  tokenizer = await getJapaneseTokenizer();
});

describe('LocalLexicalEmbedding (local-lexical-v1)', () => {
  it('makes 768-d unit vectors and declares its model id', async () => {
    expect(provider.model).toBe('local-lexical-v1');
    expect(provider.dimensions).toBe(768);
    const [a, empty, symbols] = await provider.embed(['強火で鍋を熱する', '', '。、！？'], 'document');
    for (const v of [a!, empty!, symbols!]) {
      expect(v).toHaveLength(768);
      expect(norm(v)).toBeCloseTo(1, 10);
    }
    expect(empty).toEqual(symbols); // no features: the same fixed "empty" vector, never all zeros
  });

  it('is deterministic across calls and independent of batch composition', async () => {
    const text = 'フライパンを十分に予熱してから油を入れる。Heat the wok until it smokes.';
    const [first] = await provider.embed([text], 'document');
    const [, second] = await provider.embed(['別の文', text], 'query');
    expect(second).toEqual(first);
    // Pin a few values so an accidental change to tokenising/hashing shows up (then bump the model id).
    expect(fnv1a32('w:鍋')).toBe(fnv1a32('w:鍋'));
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
  });

  it('ranks texts that share cooking words clearly above unrelated ones', async () => {
    const [heat, preheatThenOil, dashi, heatEn] = await provider.embed(
      ['強火で鍋を熱する', '鍋をしっかり熱してから油を入れる', '味噌汁の出汁の取り方', 'Heat the pan over high heat'],
      'document',
    );
    const related = cosineSimilarity(heat!, preheatThenOil!);
    const unrelated = cosineSimilarity(heat!, dashi!);
    const unrelated2 = cosineSimilarity(preheatThenOil!, dashi!);
    expect(related).toBeGreaterThan(0.25);
    expect(Math.abs(unrelated)).toBeLessThan(0.1);
    expect(Math.abs(unrelated2)).toBeLessThan(0.1);
    expect(related - Math.max(unrelated, unrelated2)).toBeGreaterThan(0.2);
    // Japanese and English share no tokens: only the shared English words count.
    expect(cosineSimilarity(heatEn!, heat!)).toBeLessThan(0.1);
  });

  it('retrieves the matching principle for a question (query vs documents)', async () => {
    const docs = [
      '鍋をしっかり熱してから油を入れる。煙が少し出るまで予熱する。',
      '一度にたくさん入れると温度が下がる。少しずつ入れる。',
      '味噌汁は出汁を取ってから味噌を溶く。沸騰させない。',
      'Toss the rice constantly so it does not scorch.',
    ];
    const docVectors = await provider.embed(docs, 'document');
    const rank = async (q: string) => {
      const [qv] = await provider.embed([q], 'query');
      return docVectors.map((d, i) => [i, cosineSimilarity(qv!, d)] as const).sort((a, b) => b[1] - a[1])[0]![0];
    };
    expect(await rank('鍋はどのくらい熱すればいいですか？')).toBe(0);
    expect(await rank('具材を一度に入れたら温度が下がりました')).toBe(1);
    expect(await rank('出汁の取り方を教えて')).toBe(2);
    expect(await rank('my rice scorched, how often should I toss it?')).toBe(3);
  });

  it('uses base forms and drops particles, auxiliaries and light verbs', () => {
    const features = [...lexicalFeatures('鍋をしっかり熱してから油を入れました', tokenizer).keys()];
    expect(features).toEqual(expect.arrayContaining(['w:鍋', 'w:しっかり', 'w:熱', 'w:油', 'w:入れる', 'b:鍋|しっかり', 'k:熱']));
    expect(features.some((f) => /^w:(を|て|から|まし|た|する)$/.test(f))).toBe(false);
    // 熱する (noun 熱 + する) and 熱して (verb 熱す) meet on 熱
    expect([...lexicalFeatures('強火で鍋を熱する', tokenizer).keys()]).toContain('w:熱');
    expect([...lexicalFeatures('Heating the woks', tokenizer).keys()]).toEqual(['l:heat', 'l:wok', 'lb:heat|wok']);
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(provider.embed(['x'], 'query', controller.signal)).rejects.toThrow();
  });
});

describe('createEmbeddingProvider', () => {
  it('chooses local without a key, Gemini with one', () => {
    expect(createEmbeddingProvider({}).model).toBe('local-lexical-v1');
    expect(createEmbeddingProvider({ geminiApiKey: 'k' }).model).toBe('gemini:gemini-embedding-001');
    expect(createEmbeddingProvider({ geminiApiKey: 'k', embeddingModel: 'text-embedding-005' }).model).toBe('gemini:text-embedding-005');
    expect(createEmbeddingProvider({ geminiApiKey: 'k', embeddingModel: 'local-lexical-v1' }).model).toBe('local-lexical-v1');
  });
});
