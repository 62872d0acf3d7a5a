import type { Knex } from 'knex';
import { nearestPrincipleChunks } from '../../data/principle-chunks';
import { pastSummariesOfDish } from '../../data/session-summaries';
import { toPgVector, type EmbeddingProvider } from '../../providers/embeddings/embedding-provider';

export interface ChunkHit {
  principleId: string;
  slug: string;
  title: { ja: string; en: string };
  chunkIndex: number;
  content: string;
  score: number; // cosine similarity, 1 = identical
}

/**
 * Nearest principle chunks to a question, over published principles embedded with the current
 * model (vectors from another model are not comparable), optionally only for one dish.
 */
export async function searchPrincipleChunks(
  knex: Knex,
  embeddings: EmbeddingProvider,
  input: { query: string; dishSlug?: string | undefined; limit?: number; signal?: AbortSignal },
): Promise<ChunkHit[]> {
  const [vector] = await embeddings.embed([input.query], 'query', input.signal);
  const q = toPgVector(vector as number[]);
  const limit = Math.min(input.limit ?? 8, 50);
  const rows = await nearestPrincipleChunks(knex, { vector: q, model: embeddings.model, dishSlug: input.dishSlug, limit });
  return rows.map((r) => ({
    principleId: r.principle_id,
    slug: r.slug,
    title: { ja: r.title_ja, en: r.title_en },
    chunkIndex: r.chunk_index,
    content: r.content,
    score: Number(r.score.toFixed(4)),
  }));
}

/** Best chunk per principle, in rank order: what the coaching text and replies cite. */
export function distinctPrinciples(hits: ChunkHit[]): ChunkHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => (seen.has(h.principleId) ? false : (seen.add(h.principleId), true)));
}

export interface PastSessionHit {
  sessionId: string;
  attemptNumber: number;
  summary: string;
  diagnosisCode: string | null;
  score: number | null;
}

/** This cook's earlier sessions of the same dish (newest first), with similarity to the question when embedded alike. */
export async function pastSessionSummaries(
  knex: Knex,
  embeddings: EmbeddingProvider,
  input: { userId: string; dishId: string; beforeSessionId: string; query: string; limit?: number },
): Promise<PastSessionHit[]> {
  const [vector] = await embeddings.embed([input.query], 'query');
  const q = toPgVector(vector as number[]);
  const rows = await pastSummariesOfDish(knex, { userId: input.userId, dishId: input.dishId, exceptSessionId: input.beforeSessionId, vector: q, model: embeddings.model, limit: input.limit ?? 3 });
  return rows.map((r) => ({
    sessionId: r.session_id,
    attemptNumber: r.attempt_number,
    summary: r.summary,
    diagnosisCode: r.diagnosis_code ?? null,
    score: r.score === null ? null : Number(r.score.toFixed(4)),
  }));
}
