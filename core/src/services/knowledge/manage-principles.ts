import { knownDishSlugs, listDishes } from '../../data/dishes';
import type { Knex } from 'knex';
import type { FindingCode, Sense } from '../../domain/findings';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { Bilingual } from '../../models/principle';
import type { JobQueue } from '../../queue/job-queue';
import { recordAudit, type Actor } from '../../data/audit-log';
import { pageOf, type ListPage, type ListQuery } from '../../data/list-query';

export const EMBEDDING_STATUSES = ['pending', 'embedding', 'ready', 'failed'] as const;
export type EmbeddingStatus = (typeof EMBEDDING_STATUSES)[number];

/** What staff write: the principle's content, Japanese and English side by side. */
export interface PrincipleContent {
  title_ja: string;
  title_en: string;
  dishes: string[];
  is_core: boolean;
  skill: Bilingual;
  symptoms: Array<Bilingual & { sense: Sense }>;
  why: Bilingual;
  next_action: Bilingual;
  success_signs: Partial<Record<Sense, Bilingual>>;
  addresses: FindingCode[];
  body_md: string;
}

export interface PrincipleRecord extends PrincipleContent {
  id: string;
  slug: string;
  source: string;
  published: boolean;
  version: number;
  embedding_status: EmbeddingStatus;
  /** Chunks stored for retrieval, and the embedding model that made them (null before the first embedding). */
  chunk_count: number;
  embedding_model: string | null;
  updated_by: string | null;
  updated_by_name: string | null;
  created_at: string;
  updated_at: string;
}

export interface PrincipleFilter {
  q?: string | undefined;
  dish?: string | undefined;
  published?: boolean | undefined;
  embedding_status?: EmbeddingStatus | undefined;
  id?: string[] | undefined;
}

// 'id' is react-admin's default sort.
export const PRINCIPLE_SORT_FIELDS = ['id', 'slug', 'title_ja', 'title_en', 'version', 'published', 'embedding_status', 'created_at', 'updated_at'] as const;

const CONTENT_KEYS = ['title_ja', 'title_en', 'dishes', 'is_core', 'skill', 'symptoms', 'why', 'next_action', 'success_signs', 'addresses', 'body_md'] as const;
const JSON_KEYS = new Set(['skill', 'symptoms', 'why', 'next_action', 'success_signs']);
const COLUMNS = ['id', 'slug', 'source', 'published', 'version', 'embedding_status', 'updated_by', 'created_at', 'updated_at', ...CONTENT_KEYS];

const iso = (v: unknown) => new Date(v as string).toISOString();

async function decorate(db: Knex | Knex.Transaction, rows: Array<Record<string, unknown>>): Promise<PrincipleRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id as string);
  const chunks = await db('principle_chunks')
    .whereIn('principle_id', ids)
    .groupBy('principle_id')
    .select('principle_id', db.raw('count(*)::int as n'), db.raw('max(embedding_model) as model'));
  const chunkOf = new Map(chunks.map((c: { principle_id: string; n: number; model: string | null }) => [c.principle_id, c]));
  const editorIds = [...new Set(rows.map((r) => r.updated_by).filter(Boolean))] as string[];
  const editors = editorIds.length ? await db('users').whereIn('id', editorIds).select('id', 'name') : [];
  const nameOf = new Map(editors.map((u: { id: string; name: string }) => [u.id, u.name]));
  return rows.map((row) => {
    const c = chunkOf.get(row.id as string);
    return {
      ...(row as unknown as PrincipleRecord),
      created_at: iso(row.created_at),
      updated_at: iso(row.updated_at),
      chunk_count: c?.n ?? 0,
      embedding_model: c?.model ?? null,
      updated_by_name: row.updated_by ? (nameOf.get(row.updated_by as string) ?? null) : null,
    };
  });
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** List rows carry everything but the body (the editor loads the whole record), in one query. */
const LIST_COLUMNS = COLUMNS.filter((c) => c !== 'body_md').concat(['chunk_count', 'embedding_model', 'updated_by_name']);

export type PrincipleListRow = Omit<PrincipleRecord, 'body_md'>;

export async function listPrinciples(knex: Knex, list: ListQuery<PrincipleFilter>): Promise<ListPage<PrincipleListRow>> {
  const inner = knex('principles as p').select(
    ...COLUMNS.filter((c) => c !== 'body_md').map((c) => `p.${c}`),
    knex.raw('(select count(*)::int from principle_chunks c where c.principle_id = p.id) as chunk_count'),
    knex.raw('(select max(c.embedding_model) from principle_chunks c where c.principle_id = p.id) as embedding_model'),
    knex.raw('(select u.name from users u where u.id = p.updated_by) as updated_by_name'),
  );
  const { q, dish, published, embedding_status: status, id } = list.filter;
  if (q) {
    const pattern = likePattern(q);
    inner.where((w) =>
      w
        .whereRaw(`p.slug ilike ? escape '\\'`, [pattern])
        .orWhereRaw(`p.title_ja ilike ? escape '\\'`, [pattern])
        .orWhereRaw(`p.title_en ilike ? escape '\\'`, [pattern])
        .orWhereRaw(`p.body_md ilike ? escape '\\'`, [pattern]),
    );
  }
  if (dish) inner.whereRaw('? = any(p.dishes)', [dish]);
  if (published !== undefined) inner.where('p.published', published);
  if (status) inner.where('p.embedding_status', status);
  if (id) inner.whereIn('p.id', id);
  const page = await pageOf<Record<string, unknown>>(knex.from(inner.as('x')), list, LIST_COLUMNS);
  return {
    ...page,
    rows: page.rows.map((row) => ({
      ...(row as unknown as PrincipleListRow),
      created_at: iso(row.created_at),
      updated_at: iso(row.updated_at),
      chunk_count: (row.chunk_count as number) ?? 0,
      embedding_model: (row.embedding_model as string | null) ?? null,
      updated_by_name: (row.updated_by_name as string | null) ?? null,
    })),
  };
}

export async function getPrinciple(db: Knex | Knex.Transaction, id: string): Promise<PrincipleRecord> {
  const row = await db('principles').where({ id }).first(COLUMNS);
  if (!row) throw new NotFoundError('Principle');
  const [record] = await decorate(db, [row]);
  return record!;
}

function toColumns(content: Partial<PrincipleContent>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(content).map(([k, v]) => [k, JSON_KEYS.has(k) ? JSON.stringify(v) : v]));
}

function contentOf(row: Record<string, unknown>): PrincipleContent {
  return Object.fromEntries(CONTENT_KEYS.map((k) => [k, row[k]])) as unknown as PrincipleContent;
}

/** jsonb does not keep key order: compare values with sorted keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

async function checkContent(trx: Knex.Transaction, content: PrincipleContent, selfId: string | null): Promise<void> {
  const known = await knownDishSlugs(trx, content.dishes);
  const unknown = content.dishes.filter((d) => !known.has(d));
  if (unknown.length) throw new ValidationError(`Unknown dish: ${unknown.join(', ')}.`, [{ path: 'dishes', message: `unknown dish ${unknown.join(', ')}` }]);
  if (Object.values(content.success_signs).filter(Boolean).length < 2) {
    throw new ValidationError('Describe success signs for at least two senses (sight, sound, texture).', [{ path: 'success_signs', message: 'at least two senses' }]);
  }
  if (content.is_core) {
    // A dish's video opens with exactly one core principle.
    const other = await trx('principles')
      .where({ is_core: true })
      .whereRaw('dishes && ?::text[]', [content.dishes])
      .modify((q) => (selfId ? q.whereNot({ id: selfId }) : q))
      .first('slug', 'dishes');
    if (other) throw new ConflictError(`"${other.slug}" is already the core principle of ${(other.dishes as string[]).filter((d) => content.dishes.includes(d)).join(', ')}.`, 'core_taken');
  }
}

function snapshotOf(row: Record<string, unknown>): string {
  return JSON.stringify({ slug: row.slug, ...contentOf(row), source: row.source, version: row.version, published: row.published });
}

/** Each version gets its own job key, so an edit made while the previous version embeds is embedded too. */
async function queueEmbedding(queue: JobQueue, id: string, version: number): Promise<void> {
  // After the commit; if this send is lost, the worker's start-up sweep (queueStaleEmbeddings) finds the pending row.
  await queue.send('reembed', { principleId: id }, { singletonKey: `${id}:v${version}` });
}

export async function createPrinciple(
  deps: { knex: Knex; queue: JobQueue },
  actor: Actor,
  input: PrincipleContent & { slug: string; published: boolean },
): Promise<PrincipleRecord> {
  const { slug, published, ...content } = input;
  const created = await deps.knex
    .transaction(async (trx) => {
      if (await trx('principles').where({ slug }).first('id')) throw new ConflictError(`A principle with the slug "${slug}" already exists.`, 'slug_taken');
      await checkContent(trx, content, null);
      const [row] = await trx('principles')
        .insert({ slug, ...toColumns(content), source: 'console', published, version: 1, embedding_status: 'pending', updated_by: actor.userId })
        .returning(COLUMNS);
      await trx('principle_versions').insert({ principle_id: row.id, version: 1, snapshot: snapshotOf(row), edited_by: actor.userId });
      const record = await getPrinciple(trx, row.id);
      await recordAudit(trx, actor, { action: 'principle.create', entityType: 'principle', entityId: row.id, after: snapshotJson(record) });
      return record;
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '23505') throw new ConflictError(`A principle with the slug "${slug}" already exists.`, 'slug_taken');
      throw error;
    });
  await queueEmbedding(deps.queue, created.id, created.version);
  return created;
}

function snapshotJson(record: PrincipleRecord): Record<string, unknown> {
  return { slug: record.slug, ...contentOf(record as unknown as Record<string, unknown>), published: record.published, version: record.version };
}

/**
 * A content edit: a new version (snapshot in principle_versions), embedding back to 'pending' and a
 * re-chunk/re-embed job. Saving the same content again changes nothing and queues nothing.
 */
export async function updatePrinciple(
  deps: { knex: Knex; queue: JobQueue },
  actor: Actor,
  id: string,
  content: PrincipleContent,
  options: { expectedVersion?: number | undefined } = {},
): Promise<PrincipleRecord> {
  const result = await deps.knex.transaction(async (trx) => {
    const before = await trx('principles').where({ id }).forUpdate().first(COLUMNS);
    if (!before) throw new NotFoundError('Principle');
    if (options.expectedVersion !== undefined && options.expectedVersion !== before.version) {
      throw new ConflictError(`Someone saved version ${before.version} of this principle since you opened version ${options.expectedVersion}. Reload to see their changes.`, 'version_conflict');
    }
    const previous = contentOf(before);
    if (canonical(previous) === canonical(content)) return { record: await getPrinciple(trx, id), changed: false };
    await checkContent(trx, content, id);
    const version = (before.version as number) + 1;
    const [row] = await trx('principles')
      .where({ id })
      .update({ ...toColumns(content), version, embedding_status: 'pending', updated_by: actor.userId, updated_at: trx.fn.now() })
      .returning(COLUMNS);
    await trx('principle_versions').insert({ principle_id: id, version, snapshot: snapshotOf(row), edited_by: actor.userId });
    const changedKeys = CONTENT_KEYS.filter((k) => canonical(previous[k]) !== canonical(content[k]));
    const pick = (c: PrincipleContent) => Object.fromEntries(changedKeys.map((k) => [k, c[k]]));
    await recordAudit(trx, actor, {
      action: 'principle.update',
      entityType: 'principle',
      entityId: id,
      before: { version: before.version, ...pick(previous) },
      after: { version, ...pick(content) },
    });
    return { record: await getPrinciple(trx, id), changed: true };
  });
  if (result.changed) await queueEmbedding(deps.queue, id, result.record.version);
  return result.record;
}

/** Published principles are what retrieval searches; unpublishing hides one without touching its chunks. */
export async function setPrinciplePublished(knex: Knex, actor: Actor, id: string, published: boolean): Promise<PrincipleRecord> {
  return knex.transaction(async (trx) => {
    const before = await trx('principles').where({ id }).forUpdate().first('id', 'published');
    if (!before) throw new NotFoundError('Principle');
    if (before.published !== published) {
      await trx('principles').where({ id }).update({ published, updated_by: actor.userId, updated_at: trx.fn.now() });
      await recordAudit(trx, actor, {
        action: published ? 'principle.publish' : 'principle.unpublish',
        entityType: 'principle',
        entityId: id,
        before: { published: before.published },
        after: { published },
      });
    }
    return getPrinciple(trx, id);
  });
}

export interface PrincipleVersion {
  id: string;
  version: number;
  snapshot: Record<string, unknown>;
  edited_by: string | null;
  edited_by_name: string | null;
  created_at: string;
}

/** Every saved version, newest first. */
export async function listPrincipleVersions(knex: Knex, id: string): Promise<PrincipleVersion[]> {
  if (!(await knex('principles').where({ id }).first('id'))) throw new NotFoundError('Principle');
  const rows = await knex('principle_versions as v')
    .leftJoin('users as u', 'u.id', 'v.edited_by')
    .where('v.principle_id', id)
    .orderBy('v.version', 'desc')
    .select('v.id', 'v.version', 'v.snapshot', 'v.edited_by', 'u.name as edited_by_name', 'v.created_at');
  return rows.map((r) => ({ ...r, created_at: iso(r.created_at) }));
}

/** What the editor's pickers offer: the dishes (with names) and the analyzer's finding codes. */
export async function principleFormOptions(knex: Knex, findingCodes: readonly string[]): Promise<{ dishes: Array<{ slug: string; name: Bilingual }>; findings: string[] }> {
  const dishes = await listDishes(knex);
  return { dishes: dishes.map((d) => ({ slug: d.slug, name: { ja: d.name_ja, en: d.name_en } })), findings: [...findingCodes] };
}
