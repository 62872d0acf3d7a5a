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
