import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AiProviderError } from '../ai/ai-provider';
import { FakeGeminiServer, pseudoEmbedding } from '../ai/testing/fake-gemini-server';
import { installNetworkGuard } from '../../testing/network-guard';
import type { NetworkGuard } from '../../testing/network-guard';
import { createEmbeddingProvider } from './create-embedding-provider';
import { toPgVector } from './embedding-provider';
import { GeminiEmbedding } from './gemini-embedding';
import type { GeminiEmbeddingOptions } from './gemini-embedding';
import { cosineSimilarity } from './vector-math';

let fake: FakeGeminiServer;
let guard: NetworkGuard;

interface BatchBody {
  requests: Array<{ model: string; content: { parts: Array<{ text: string }> }; taskType: string; outputDimensionality: number }>;
}

function makeProvider(overrides: Partial<GeminiEmbeddingOptions> = {}): GeminiEmbedding {
  return new GeminiEmbedding({ apiKey: 'test-key', baseUrl: fake.baseUrl, timeoutMs: 5_000, ...overrides });
}

beforeAll(async () => {
  guard = installNetworkGuard();
  fake = await FakeGeminiServer.start();
});
afterEach(() => fake.reset());
afterAll(async () => {
  guard.restore();
  await fake.close();
  expect(guard.hosts.length).toBeGreaterThan(0);
  expect(guard.offLoopback()).toEqual([]);
});

describe('GeminiEmbedding against a loopback Gemini API stub', () => {
  it('requests 768 dimensions with the right task type and returns unit vectors', async () => {
    const provider = makeProvider();
    expect(provider.model).toBe('gemini:gemini-embedding-001');
    const vectors = await provider.embed(['強火で鍋を熱する', '味噌汁の出汁'], 'document');
    expect(vectors).toHaveLength(2);
    for (const v of vectors) {
      expect(v).toHaveLength(768);
      expect(Math.hypot(...v)).toBeCloseTo(1, 10);
    }
    // Same direction as what the API returned (only the length changed).
    expect(cosineSimilarity(vectors[0]!, pseudoEmbedding('強火で鍋を熱する', 768))).toBeCloseTo(1, 10);

    const [req] = fake.requestsFor('embed');
    expect(req!.model).toBe('gemini-embedding-001');
    expect(req!.url).toMatch(/:batchEmbedContents$/);
    const body = req!.json as BatchBody;
    expect(body.requests.map((r) => r.content.parts[0]!.text)).toEqual(['強火で鍋を熱する', '味噌汁の出汁']);
    expect(body.requests.every((r) => r.taskType === 'RETRIEVAL_DOCUMENT' && r.outputDimensionality === 768)).toBe(true);
    expect(body.requests[0]!.model).toBe('models/gemini-embedding-001');

    await provider.embed(['鍋の温度は？'], 'query');
    expect((fake.requestsFor('embed')[1]!.json as BatchBody).requests[0]!.taskType).toBe('RETRIEVAL_QUERY');
    expect(toPgVector(vectors[0]!)).toMatch(/^\[-?\d/);
  });

  it('splits large inputs into batches of at most 100 and keeps the order', async () => {
    const texts = Array.from({ length: 230 }, (_, i) => `原則 ${i}`);
    const vectors = await makeProvider().embed(texts, 'document');
    expect(vectors).toHaveLength(230);
    expect(fake.requestsFor('embed').map((r) => (r.json as BatchBody).requests.length)).toEqual([100, 100, 30]);
    expect(cosineSimilarity(vectors[229]!, pseudoEmbedding('原則 229', 768))).toBeCloseTo(1, 10);

    fake.reset();
    await makeProvider({ batchSize: 2 }).embed(['a', 'b', 'c'], 'query');
    expect(fake.requestsFor('embed')).toHaveLength(2);
  });

  it('rejects wrong-sized vectors as invalid_output', async () => {
    fake.onEmbed = () => [1, 2, 3];
    const err = (await makeProvider()
      .embed(['x'], 'document')
      .catch((e: unknown) => e)) as AiProviderError;
    expect(err).toBeInstanceOf(AiProviderError);
    expect(err.kind).toBe('invalid_output');
  });

  it('maps 429 and 500 and hangs', async () => {
    fake.fail('embed', { status: 429, retryAfter: '30' }, { status: 500 }, { hang: true });
    const provider = makeProvider({ timeoutMs: 300 });
    const e429 = (await provider.embed(['x'], 'query').catch((e: unknown) => e)) as AiProviderError;
    expect([e429.kind, e429.retryAfterSeconds]).toEqual(['rate_limited', 30]);
    const e500 = (await provider.embed(['x'], 'query').catch((e: unknown) => e)) as AiProviderError;
    expect(e500.kind).toBe('unavailable');
    const hang = (await provider.embed(['x'], 'query').catch((e: unknown) => e)) as AiProviderError;
    expect(hang.kind).toBe('timeout');
  });

  it('is what createEmbeddingProvider picks with a key', async () => {
    const provider = createEmbeddingProvider({ geminiApiKey: 'test-key', baseUrl: fake.baseUrl });
    const [v] = await provider.embed(['test'], 'query');
    expect(v).toHaveLength(768);
    expect(fake.requestsFor('embed')[0]!.headers['x-goog-api-key']).toBe('test-key');
  });
});
