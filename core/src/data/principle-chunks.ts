/** The principle_chunks aggregate, read side: nearest-neighbour search over the embedded chunks. */
import type { Knex } from 'knex';

export interface NearestChunkRow {
  principle_id: string;
  slug: string;
  title_ja: string;
  title_en: string;
  chunk_index: number;
  content: string;
  /** Cosine similarity, 1 = identical. */
  score: number;
}

/**
 * Chunks of published principles nearest to the vector (pgvector text form), only those embedded
 * by `model` (vectors of another model are not comparable), optionally of one dish.
 */
export async function nearestPrincipleChunks(knex: Knex, input: { vector: string; model: string; dishSlug?: string | undefined; limit: number }): Promise<NearestChunkRow[]> {
  return knex.transaction(async (trx) => {
    // A filtered HNSW scan looks at ef_search candidates; widen it so a dish filter still fills the page.
    await trx.raw('SET LOCAL hnsw.ef_search = 200');
    const query = trx('principle_chunks as c')
      .join('principles as p', 'p.id', 'c.principle_id')
      .where('p.published', true)
      .where('c.embedding_model', input.model)
      .whereNotNull('c.embedding')
      .select('c.principle_id', 'p.slug', 'p.title_ja', 'p.title_en', 'c.chunk_index', 'c.content', trx.raw('1 - (c.embedding <=> ?::vector) as score', [input.vector]))
      .orderByRaw('c.embedding <=> ?::vector', [input.vector])
      .limit(input.limit);
    if (input.dishSlug) query.whereRaw('? = any(p.dishes)', [input.dishSlug]);
    const rows: NearestChunkRow[] = await query;
    return rows.map((r) => ({ ...r, score: Number(r.score) }));
  });
}
