/** The dishes aggregate: what a cook can practise (seeded from knowledge/). */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { Dish } from '../models/dish';
import type { DishRubricFields } from '../contracts/dishes';
import { insertVersion, versionRows, versionSnapshot, DISH_VERSIONS } from './version-history';
import { pageOf, type ListPage, type ListQuery } from './list-query';

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

// ---- The console's dish editor (services/dishes/*) ----

const EDITOR_COLUMNS = ['d.id', 'd.slug', 'd.name_ja', 'd.name_en', 'd.rubric', 'd.version', 'd.updated_by', 'd.updated_at', 'u.name as updated_by_name'];

export interface DishEditorRow {
  id: string;
  slug: string;
  name_ja: string;
  name_en: string;
  rubric: DishRubricFields | null;
  version: number;
  updated_by: string | null;
  updated_by_name: string | null;
  updated_at: Date;
}

export async function dishEditorRow(db: Db, id: string, options: { lock?: boolean } = {}): Promise<DishEditorRow | undefined> {
  if (options.lock) await db('dishes').where({ id }).forUpdate().first('id');
  return db('dishes as d').leftJoin('users as u', 'u.id', 'd.updated_by').where('d.id', id).first(EDITOR_COLUMNS);
}

export interface DishFilter {
  q?: string | undefined;
  id?: string[] | undefined;
}

export async function pageDishes(db: Db, list: ListQuery<DishFilter>): Promise<ListPage<DishEditorRow>> {
  const inner = db('dishes as d').leftJoin('users as u', 'u.id', 'd.updated_by').select(EDITOR_COLUMNS);
  if (list.filter.q) {
    const pattern = `%${list.filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    inner.where((w) => w.whereRaw(`d.slug ilike ? escape '\\'`, [pattern]).orWhereRaw(`d.name_ja ilike ? escape '\\'`, [pattern]).orWhereRaw(`d.name_en ilike ? escape '\\'`, [pattern]));
  }
  if (list.filter.id) inner.whereIn('d.id', list.filter.id);
  return pageOf<DishEditorRow>(db.from(inner.as('x')), list, ['id', 'slug', 'name_ja', 'name_en', 'rubric', 'version', 'updated_by', 'updated_by_name', 'updated_at']);
}

export async function insertDish(db: Db, row: { slug: string; name_ja: string; name_en: string }): Promise<string> {
  const [inserted] = await db('dishes').insert(row).returning('id');
  return inserted.id as string;
}

/** The dish's names and rubric as version `version`. */
export async function setDishContent(db: Db, id: string, change: { name_ja: string; name_en: string; rubric: DishRubricFields; version: number; updatedBy: string | null }): Promise<void> {
  await db('dishes')
    .where({ id })
    .update({ name_ja: change.name_ja, name_en: change.name_en, rubric: JSON.stringify(change.rubric), version: change.version, updated_by: change.updatedBy, updated_at: db.fn.now() });
}

export const insertDishVersion = (db: Db, dishId: string, version: number, snapshot: Record<string, unknown>, editedBy: string | null) =>
  insertVersion(db, DISH_VERSIONS, dishId, version, snapshot, editedBy);

/** Every saved version of the dish, newest first, with the editor's name. */
export const dishVersionRows = (db: Db, dishId: string) => versionRows(db, DISH_VERSIONS, dishId);

export const dishVersionSnapshot = (db: Db, dishId: string, version: number) => versionSnapshot(db, DISH_VERSIONS, dishId, version);
