/** Turns text into 768-dimension vectors for pgvector. Each row stores the model id it was made with. */
export interface EmbeddingProvider {
  /** e.g. "local-lexical-v1" or "gemini:gemini-embedding-001"; stored per row so a model change can re-embed. */
  readonly model: string;
  readonly dimensions: 768;
  /** Documents are principle chunks and session summaries; queries are what retrieval asks. */
  embed(texts: string[], kind: 'document' | 'query', signal?: AbortSignal): Promise<number[][]>;
}

export const EMBEDDING_DIMENSIONS = 768;

/** pgvector's text form. */
export function toPgVector(vector: number[]): string {
  return `[${vector.map((v) => (Number.isFinite(v) ? v : 0)).join(',')}]`;
}
