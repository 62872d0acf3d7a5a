/** The dishes aggregate: what a cook can practise (seeded from knowledge/). */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { Dish } from '../models/dish';

export type DishRow = ModelObject<Dish>;
type Db = Knex | Knex.Transaction;

export async function findDishIdBySlug(db: Db, slug: string): Promise<string | undefined> {
  const row = await db('dishes').where({ slug }).first('id');
  return row?.id as string | undefined;
}

export async function findDishBySlug(db: Db, slug: string): Promise<Pick<DishRow, 'id' | 'slug' | 'name_ja' | 'name_en'> | undefined> {
  return db('dishes').where({ slug }).first('id', 'slug', 'name_ja', 'name_en');
}

export async function dishSlugsByIds(db: Db, ids: string[]): Promise<Array<{ id: string; slug: string }>> {
  return ids.length ? db('dishes').whereIn('id', ids).select('id', 'slug') : [];
}

export async function dishIdsBySlugs(db: Db, slugs: string[]): Promise<Array<{ id: string; slug: string }>> {
  return slugs.length ? db('dishes').whereIn('slug', slugs).select('id', 'slug') : [];
}

/** Which of the slugs name a known dish. */
export async function knownDishSlugs(db: Db, slugs: string[]): Promise<Set<string>> {
  return new Set<string>(slugs.length ? await db('dishes').whereIn('slug', slugs).pluck('slug') : []);
}

export async function listDishes(db: Db): Promise<Array<Pick<DishRow, 'slug' | 'name_ja' | 'name_en'>>> {
  return db('dishes').orderBy('slug').select('slug', 'name_ja', 'name_en');
}

export interface DishStatsRow {
  slug: string;
  name_ja: string;
  name_en: string;
  next_attempt: number;
  coached: number;
  last_at: Date | null;
}

/** Every dish with one cook's numbers for it: next attempt number, coached sessions, last session. */
export async function dishStatsFor(db: Db, userId: string): Promise<DishStatsRow[]> {
  return db('dishes as d')
    .leftJoin('cooking_sessions as s', (j) => j.on('s.dish_id', 'd.id').andOnVal('s.user_id', userId))
    .groupBy('d.id')
    .orderBy('d.name_en')
    .select(
      'd.slug',
      'd.name_ja',
      'd.name_en',
      db.raw('coalesce(max(s.attempt_number), 0)::int + 1 as next_attempt'),
      db.raw('count(s.coach_text_sent_at) filter (where s.deleted_at is null)::int as coached'),
      db.raw('max(s.created_at) filter (where s.deleted_at is null) as last_at'),
    );
}

/** Adds the dishes not yet present (by slug); returns how many were added. */
export async function insertMissingDishes(db: Db, dishes: ReadonlyArray<{ slug: string; name_ja: string; name_en: string }>): Promise<number> {
  const added = await db('dishes').insert([...dishes]).onConflict('slug').ignore().returning('id');
  return added.length;
}
