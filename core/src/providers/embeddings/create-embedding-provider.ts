import type { EmbeddingProvider } from './embedding-provider';
import { GeminiEmbedding } from './gemini-embedding';
import { LOCAL_LEXICAL_MODEL, LocalLexicalEmbedding } from './local-lexical-embedding';

export interface EmbeddingProviderConfig {
  /** GEMINI_API_KEY: when set, Gemini embeddings are used. */
  geminiApiKey?: string | undefined;
  /** Gemini embedding model (default gemini-embedding-001); "local-lexical-v1" forces the local provider. */
  embeddingModel?: string | undefined;
  /** Gemini API origin override (loopback stub in tests). */
  baseUrl?: string | undefined;
  timeoutMs?: number | undefined;
}

/** Gemini embeddings when a key is configured, otherwise the offline local lexical embedding. */
export function createEmbeddingProvider(config: EmbeddingProviderConfig = {}): EmbeddingProvider {
  const model = config.embeddingModel?.replace(/^gemini:/, '');
  if (!config.geminiApiKey || model === LOCAL_LEXICAL_MODEL) return new LocalLexicalEmbedding();
  return new GeminiEmbedding({
    apiKey: config.geminiApiKey,
    model,
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs,
  });
}
