import { AiProviderError } from '../ai/ai-provider';
import { createGeminiClient } from '../ai/gemini-client';
import type { GeminiClient } from '../ai/gemini-client';
import { EMBEDDING_DIMENSIONS } from './embedding-provider';
import type { EmbeddingProvider } from './embedding-provider';
import { l2Normalize } from './vector-math';

export const DEFAULT_GEMINI_EMBEDDING_MODEL = 'gemini-embedding-001';
/** The Gemini API accepts at most 100 requests in one batchEmbedContents call. */
export const MAX_GEMINI_EMBED_BATCH = 100;

export interface GeminiEmbeddingOptions {
  apiKey: string;
  /** Default "gemini-embedding-001". */
  model?: string | undefined;
  /** Loopback stub in tests; unset in production. */
  baseUrl?: string | undefined;
  /** Per-request deadline (default 30 s). */
  timeoutMs?: number | undefined;
  /** Texts per request, 1–100 (default 100). */
  batchSize?: number | undefined;
}

/**
 * Gemini embeddings (models.embedContent → batchEmbedContents), truncated to 768 dimensions with
 * outputDimensionality (Matryoshka). Truncated vectors are not unit length, so they are
 * L2-normalised here. Documents use taskType RETRIEVAL_DOCUMENT, queries RETRIEVAL_QUERY.
 * Batches are sent one after another. Failures are AiProviderError (see gemini-errors.ts).
 */
export class GeminiEmbedding implements EmbeddingProvider {
  readonly model: string;
  readonly dimensions = EMBEDDING_DIMENSIONS;
  readonly #client: GeminiClient;
  readonly #batchSize: number;

  constructor(options: GeminiEmbeddingOptions) {
    const model = options.model ?? DEFAULT_GEMINI_EMBEDDING_MODEL;
    this.model = `gemini:${model}`;
    this.#client = createGeminiClient({
      apiKey: options.apiKey,
      model,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs ?? 30_000,
    });
    this.#batchSize = Math.max(1, Math.min(MAX_GEMINI_EMBED_BATCH, options.batchSize ?? MAX_GEMINI_EMBED_BATCH));
  }

  async embed(texts: string[], kind: 'document' | 'query', signal?: AbortSignal): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += this.#batchSize) {
      // The API rejects empty content; a blank text gets a placeholder (it has no meaning either way).
      const batch = texts.slice(i, i + this.#batchSize).map((t) => (t.trim() ? t : '∅'));
      const response = await this.#client.call('embedContent', () =>
        this.#client.ai.models.embedContent({
          model: this.#client.model,
          contents: batch,
          config: {
            taskType: kind === 'document' ? 'RETRIEVAL_DOCUMENT' : 'RETRIEVAL_QUERY',
            outputDimensionality: EMBEDDING_DIMENSIONS,
            ...(signal ? { abortSignal: signal } : {}),
          },
        }),
      );
      const embeddings = response.embeddings ?? [];
      if (embeddings.length !== batch.length) {
        throw new AiProviderError(`Gemini returned ${embeddings.length} embeddings for ${batch.length} texts`, 'invalid_output');
      }
      for (const e of embeddings) {
        const values = e.values ?? [];
        if (values.length !== EMBEDDING_DIMENSIONS || !values.every(Number.isFinite)) {
          throw new AiProviderError(`Gemini returned a ${values.length}-dimension embedding, expected ${EMBEDDING_DIMENSIONS}`, 'invalid_output');
        }
        out.push(l2Normalize(values));
      }
    }
    return out;
  }
}
