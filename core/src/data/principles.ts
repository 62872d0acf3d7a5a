/** The principles aggregate: the coaching knowledge (one principle per row, chunks for retrieval). */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { Principle } from '../models/principle';

export type PrincipleRow = ModelObject<Principle>;
type Db = Knex | Knex.Transaction;

export async function principlesBySlugs(db: Db, slugs: string[]): Promise<PrincipleRow[]> {
  return db('principles').whereIn('slug', slugs);
}

/** The dish's published core principle, if it has one. */
export async function corePrincipleOf(db: Db, dishSlug: string): Promise<string | undefined> {
  const row = await db('principles').where({ is_core: true, published: true }).whereRaw('? = any(dishes)', [dishSlug]).first('slug');
  return row?.slug;
}

/** The dish's published principles, core first: what the analyzer may name. */
export async function publishedPrinciplesOf(db: Db, dishSlug: string): Promise<Array<Pick<PrincipleRow, 'slug' | 'title_ja' | 'title_en' | 'addresses' | 'why'>>> {
  return db('principles').where('published', true).whereRaw('? = any(dishes)', [dishSlug]).orderBy('is_core', 'desc').select('slug', 'title_ja', 'title_en', 'addresses', 'why');
}

/** Every published principle of the dish, or every published one when no dish is named. */
export async function publishedPrinciples(db: Db, dishSlug: string | undefined): Promise<PrincipleRow[]> {
  const query = db('principles').where({ published: true });
  if (dishSlug) query.whereRaw('? = any(dishes)', [dishSlug]);
  return query;
}

export async function findPrinciple(db: Db, id: string): Promise<PrincipleRow | undefined> {
  return db('principles').where({ id }).first();
}

export async function setEmbeddingStatus(db: Db, id: string, status: PrincipleRow['embedding_status']): Promise<void> {
  await db('principles').where({ id }).update({ embedding_status: status });
}

/** Principles whose chunks are missing, failed, or embedded by another model than `model`. */
export async function principlesNeedingEmbedding(db: Db, model: string): Promise<string[]> {
  return db('principles as p')
    .where((w) =>
      w
        .whereNot('p.embedding_status', 'ready')
        .orWhereNotExists(db('principle_chunks as c').whereRaw('c.principle_id = p.id'))
        .orWhereExists(db('principle_chunks as c').whereRaw('c.principle_id = p.id').whereNot('c.embedding_model', model)),
    )
    .pluck('p.id');
}

/** Locks the principle for the rest of the transaction; its current version. */
export async function lockPrincipleVersion(trx: Knex.Transaction, id: string): Promise<number | undefined> {
  const row = await trx('principles').where({ id }).forUpdate().first('version');
  return row?.version as number | undefined;
}

/** Replaces the principle's chunks (vectors in pgvector text form) and marks its embedding ready. */
export async function writePrincipleChunks(trx: Knex.Transaction, id: string, chunks: Array<{ content: string; vector: string }>, model: string): Promise<void> {
  await trx('principle_chunks').where({ principle_id: id }).delete();
  await trx('principle_chunks').insert(
    chunks.map((chunk, index) => ({ principle_id: id, chunk_index: index, content: chunk.content, embedding: trx.raw('?::vector', [chunk.vector]), embedding_model: model })),
  );
  await trx('principles').where({ id }).update({ embedding_status: 'ready' });
}
