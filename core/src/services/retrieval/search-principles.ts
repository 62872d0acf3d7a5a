import type { Knex } from 'knex';
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
  return knex.transaction(async (trx) => {
    // A filtered HNSW scan looks at ef_search candidates; widen it so a dish filter still fills the page.
    await trx.raw('SET LOCAL hnsw.ef_search = 200');
    const query = trx('principle_chunks as c')
      .join('principles as p', 'p.id', 'c.principle_id')
      .where('p.published', true)
      .where('c.embedding_model', embeddings.model)
      .whereNotNull('c.embedding')
      .select('c.principle_id', 'p.slug', 'p.title_ja', 'p.title_en', 'c.chunk_index', 'c.content', trx.raw('1 - (c.embedding <=> ?::vector) as score', [q]))
      .orderByRaw('c.embedding <=> ?::vector', [q])
      .limit(limit);
    if (input.dishSlug) query.whereRaw('? = any(p.dishes)', [input.dishSlug]);
    const rows = await query;
    return rows.map((r) => ({
      principleId: r.principle_id,
      slug: r.slug,
      title: { ja: r.title_ja, en: r.title_en },
      chunkIndex: r.chunk_index,
      content: r.content,
      score: Number(Number(r.score).toFixed(4)),
    }));
  });
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
  const rows = await knex('session_summaries as ss')
    .join('cooking_sessions as s', 's.id', 'ss.session_id')
    .where({ 'ss.user_id': input.userId, 'ss.dish_id': input.dishId })
    .whereNot('ss.session_id', input.beforeSessionId)
    .whereNull('s.deleted_at')
    .select(
      'ss.session_id',
      's.attempt_number',
      'ss.summary',
      knex.raw(`(select a.result->'diagnosis'->>'code' from analyses a where a.session_id = s.id order by a.created_at desc limit 1) as diagnosis_code`),
      knex.raw('case when ss.embedding_model = ? then 1 - (ss.embedding <=> ?::vector) end as score', [embeddings.model, q]),
    )
    .orderBy('s.attempt_number', 'desc')
    .limit(input.limit ?? 3);
  return rows.map((r) => ({
    sessionId: r.session_id,
    attemptNumber: r.attempt_number,
    summary: r.summary,
    diagnosisCode: r.diagnosis_code ?? null,
    score: r.score === null ? null : Number(Number(r.score).toFixed(4)),
  }));
}
