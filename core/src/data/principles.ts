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
