/** The principles aggregate: the coaching knowledge (one principle per row, chunks for retrieval). */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { Principle } from '../models/principle';
import type { PrincipleContent } from '../contracts/principles';
import { insertVersion, versionRows, versionSnapshot, PRINCIPLE_VERSIONS } from './version-history';
import { pageOf, type ListPage, type ListQuery } from './list-query';

export type PrincipleRow = ModelObject<Principle>;
type Db = Knex | Knex.Transaction;

export async function principlesBySlugs(db: Db, slugs: string[]): Promise<PrincipleRow[]> {
  return db('principles').whereIn('slug', slugs);
}

/**
 * The dish's published core principle, if it has one: the one chosen for the dish in the console
 * (its saved rubric), else the principle marked core.
 */
export async function corePrincipleOf(db: Db, dishSlug: string): Promise<string | undefined> {
  const chosen = await db('dishes as d')
    .join('principles as p', (j) => j.on(db.raw("p.slug = d.rubric->>'corePrinciple'")))
    .where({ 'd.slug': dishSlug, 'p.published': true })
    .first('p.slug');
  if (chosen) return chosen.slug as string;
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
export async function writePrincipleChunks(
  trx: Knex.Transaction,
  id: string,
  chunks: Array<{ content: string; vector: string }>,
  model: string,
  version?: number,
): Promise<void> {
  await trx('principle_chunks').where({ principle_id: id }).delete();
  await trx('principle_chunks').insert(
    chunks.map((chunk, index) => ({ principle_id: id, chunk_index: index, content: chunk.content, embedding: trx.raw('?::vector', [chunk.vector]), embedding_model: model })),
  );
  await trx('principles').where({ id }).update({ embedding_status: 'ready', ...(version === undefined ? {} : { embedded_version: version }) });
}

// ---- The console's knowledge editor (services/knowledge/*-principle*.ts) ----

export const PRINCIPLE_CONTENT_KEYS = ['title_ja', 'title_en', 'dishes', 'is_core', 'skill', 'symptoms', 'why', 'next_action', 'success_signs', 'addresses', 'body_md'] as const;
const JSON_KEYS = new Set(['skill', 'symptoms', 'why', 'next_action', 'success_signs']);
const RECORD_COLUMNS = [
  'id', 'slug', 'source', 'published', 'version', 'embedding_status', 'embedded_version', 'updated_by', 'created_at', 'updated_at',
  'draft', 'draft_revision', 'draft_updated_by', 'draft_updated_at', ...PRINCIPLE_CONTENT_KEYS,
];
/** A principle row as the editor reads it (content = the live version). */
export type PrincipleEditorRow = PrincipleContent & {
  id: string;
  slug: string;
  source: string;
  published: boolean;
  version: number;
  embedding_status: PrincipleRow['embedding_status'];
  embedded_version: number | null;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
  draft: PrincipleContent | null;
  draft_revision: number;
  draft_updated_by: string | null;
  draft_updated_at: Date | null;
};

function contentColumns(content: Partial<PrincipleContent>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(content).map(([k, v]) => [k, JSON_KEYS.has(k) ? JSON.stringify(v) : v]));
}

export async function principleEditorRow(db: Db, id: string, options: { lock?: boolean } = {}): Promise<PrincipleEditorRow | undefined> {
  const query = db('principles').where({ id });
  return (options.lock ? query.forUpdate() : query).first(RECORD_COLUMNS);
}

/** Chunk count and embedding model per principle. */
export async function principleChunkStats(db: Db, ids: string[]): Promise<Map<string, { n: number; model: string | null }>> {
  if (!ids.length) return new Map();
  const rows: Array<{ principle_id: string; n: number; model: string | null }> = await db('principle_chunks')
    .whereIn('principle_id', ids)
    .groupBy('principle_id')
    .select('principle_id', db.raw('count(*)::int as n'), db.raw('max(embedding_model) as model'));
  return new Map(rows.map((r) => [r.principle_id, { n: Number(r.n), model: r.model }]));
}

export interface PrincipleFilter {
  q?: string | undefined;
  dish?: string | undefined;
  published?: boolean | undefined;
  embedding_status?: PrincipleRow['embedding_status'] | undefined;
  id?: string[] | undefined;
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * What the console's principle list shows (title, slug, dishes, core, published/draft, embedding
 * status, version, updated) and what the editor's first paint reads before its own record arrives.
 * The long bilingual texts and the chunk figures stay out: the editor loads them with the whole
 * record (principleEditorRow, principleChunkStats); reading them for every row made the list slow.
 */
const LIST_COLUMNS = [
  'id', 'slug', 'title_ja', 'title_en', 'dishes', 'is_core', 'published', 'version',
  'embedding_status', 'embedded_version', 'draft_revision', 'updated_at',
] as const;
export type PrincipleListColumns = Pick<PrincipleEditorRow, (typeof LIST_COLUMNS)[number]> & { has_draft: boolean };

/** One page of principles (no texts), and whether a draft waits. */
export async function pagePrinciples(knex: Knex, list: ListQuery<PrincipleFilter>): Promise<ListPage<PrincipleListColumns>> {
  const query = knex('principles as p');
  const { q, dish, published, embedding_status: status, id } = list.filter;
  if (q) {
    const pattern = likePattern(q);
    query.where((w) =>
      w
        .whereRaw(`p.slug ilike ? escape '\\'`, [pattern])
        .orWhereRaw(`p.title_ja ilike ? escape '\\'`, [pattern])
        .orWhereRaw(`p.title_en ilike ? escape '\\'`, [pattern])
        .orWhereRaw(`p.body_md ilike ? escape '\\'`, [pattern]),
    );
  }
  if (dish) query.whereRaw('? = any(p.dishes)', [dish]);
  if (published !== undefined) query.where('p.published', published);
  if (status) query.where('p.embedding_status', status);
  if (id) query.whereIn('p.id', id);
  // pageOf takes column names; the draft itself stays in the table, only whether there is one is read.
  const hasDraft = knex.raw('(p.draft is not null) as has_draft') as unknown as string;
  return pageOf<PrincipleListColumns>(query, list, [...LIST_COLUMNS.map((c) => `p.${c}`), hasDraft]);
}

export async function principleSlugTaken(db: Db, slug: string): Promise<boolean> {
  return Boolean(await db('principles').where({ slug }).first('id'));
}

/** Another principle that is already the core principle of one of these dishes. */
export async function otherCorePrinciple(db: Db, dishes: string[], selfId: string | null): Promise<{ slug: string; dishes: string[] } | undefined> {
  return db('principles')
    .where({ is_core: true })
    .whereRaw('dishes && ?::text[]', [dishes])
    .modify((q) => (selfId ? q.whereNot({ id: selfId }) : q))
    .first('slug', 'dishes');
}

export async function insertPrinciple(
  db: Db,
  row: { slug: string; content: PrincipleContent; published: boolean; updatedBy: string | null },
): Promise<PrincipleEditorRow> {
  const [inserted] = await db('principles')
    .insert({ slug: row.slug, ...contentColumns(row.content), source: 'console', published: row.published, version: 1, embedding_status: 'pending', updated_by: row.updatedBy })
    .returning(RECORD_COLUMNS);
  return inserted;
}

/** New live content at `version`: the chunks are stale until re-embedded, the draft is gone. */
export async function setLiveContent(db: Db, id: string, change: { content: PrincipleContent; version: number; published: boolean; updatedBy: string | null }): Promise<PrincipleEditorRow> {
  const [row] = await db('principles')
    .where({ id })
    .update({
      ...contentColumns(change.content),
      version: change.version,
      published: change.published,
      embedding_status: 'pending',
      updated_by: change.updatedBy,
      updated_at: db.fn.now(),
      draft: null,
      draft_updated_by: null,
      draft_updated_at: null,
      draft_revision: db.raw('draft_revision + 1'),
    })
    .returning(RECORD_COLUMNS);
  return row;
}

/** Stores (or, with null, drops) the draft; every change counts a revision. */
export async function setPrincipleDraft(db: Db, id: string, draft: PrincipleContent | null, updatedBy: string | null): Promise<void> {
  await db('principles')
    .where({ id })
    .update({
      draft: draft === null ? null : JSON.stringify(draft),
      draft_updated_by: draft === null ? null : updatedBy,
      draft_updated_at: draft === null ? null : db.fn.now(),
      draft_revision: db.raw('draft_revision + 1'),
    });
}

export async function setPublishedFlag(db: Db, id: string, published: boolean, updatedBy: string | null): Promise<void> {
  await db('principles').where({ id }).update({ published, updated_by: updatedBy, updated_at: db.fn.now() });
}

export const insertPrincipleVersion = (db: Db, principleId: string, version: number, snapshot: Record<string, unknown>, editedBy: string | null) =>
  insertVersion(db, PRINCIPLE_VERSIONS, principleId, version, snapshot, editedBy);

/** Every published version, newest first, with the editor's name. */
export const principleVersionRows = (db: Db, principleId: string) => versionRows(db, PRINCIPLE_VERSIONS, principleId);

export const principleVersionSnapshot = (db: Db, principleId: string, version: number) => versionSnapshot(db, PRINCIPLE_VERSIONS, principleId, version);

// ---- The knowledge/ importer (services/knowledge/import-knowledge.ts) ----

/** The principle with this slug, locked for the rest of the transaction. */
export async function lockPrincipleBySlug(trx: Knex.Transaction, slug: string): Promise<(PrincipleContent & { id: string; slug: string; source: string; version: number }) | undefined> {
  return trx('principles').where({ slug }).forUpdate().first();
}

/** Inserts an imported principle at version 1 unless the slug exists (then undefined). */
export async function insertImportedPrinciple(
  trx: Knex.Transaction,
  row: { slug: string; content: PrincipleContent; source: string; updatedBy: string | null },
): Promise<string | undefined> {
  const [inserted] = await trx('principles')
    .insert({ slug: row.slug, ...contentColumns(row.content), source: row.source, version: 1, embedding_status: 'pending', updated_by: row.updatedBy })
    .onConflict('slug')
    .ignore()
    .returning('id');
  return inserted?.id as string | undefined;
}

export async function latestPrincipleVersion(db: Db, principleId: string): Promise<{ version: number; snapshot: Record<string, unknown> } | undefined> {
  return db('principle_versions').where({ principle_id: principleId }).orderBy('version', 'desc').first('version', 'snapshot');
}

/** A knowledge file's new content as the live version (embedding pending). */
export async function updateImportedPrinciple(db: Db, id: string, change: { content: PrincipleContent; version: number; updatedBy: string | null }): Promise<void> {
  await db('principles')
    .where({ id })
    .update({ ...contentColumns(change.content), version: change.version, embedding_status: 'pending', updated_by: change.updatedBy, updated_at: db.fn.now() });
}

/** Principles a dish editor can choose as the dish's core principle (slug, titles, dishes, published). */
export async function principleChoices(db: Db): Promise<Array<{ slug: string; title_ja: string; title_en: string; dishes: string[]; published: boolean }>> {
  return db('principles').orderBy('slug').select('slug', 'title_ja', 'title_en', 'dishes', 'published');
}

