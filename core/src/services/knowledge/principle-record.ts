/** What every principle verb shares: the record the editor reads, content comparison and checks. */
import type { Knex } from 'knex';
import type { PrincipleContent, PrincipleRecord } from '../../contracts/principles';
import { knownDishSlugs } from '../../data/dishes';
import { otherCorePrinciple, principleChunkStats, principleEditorRow, PRINCIPLE_CONTENT_KEYS, type PrincipleEditorRow } from '../../data/principles';
import { userNamesByIds } from '../../data/users';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';

export type { PrincipleContent, PrincipleRecord };
type Db = Knex | Knex.Transaction;

const iso = (v: Date | string) => new Date(v).toISOString();

export function contentOf(row: PrincipleContent): PrincipleContent {
  return Object.fromEntries(PRINCIPLE_CONTENT_KEYS.map((k) => [k, row[k]])) as unknown as PrincipleContent;
}

/** jsonb does not keep key order: compare values with sorted keys. */
export function canonical(value: unknown): string {
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

export const sameContent = (a: PrincipleContent, b: PrincipleContent) => canonical(contentOf(a)) === canonical(contentOf(b));

/** The content fields that differ between two versions. */
export function changedKeys(before: PrincipleContent, after: PrincipleContent): Array<keyof PrincipleContent> {
  return PRINCIPLE_CONTENT_KEYS.filter((k) => canonical(before[k]) !== canonical(after[k]));
}

/** A principle_versions snapshot: the live content with its slug, source, version and published flag. */
export function snapshotOf(row: PrincipleEditorRow): Record<string, unknown> {
  return { slug: row.slug, ...contentOf(row), source: row.source, version: row.version, published: row.published };
}

/** Rules the schema cannot check: known dishes, two senses of success, one core principle per dish. */
export async function checkContent(trx: Knex.Transaction, content: PrincipleContent, selfId: string | null): Promise<void> {
  const known = await knownDishSlugs(trx, content.dishes);
  const unknown = content.dishes.filter((d) => !known.has(d));
  if (unknown.length) throw new ValidationError(`Unknown dish: ${unknown.join(', ')}.`, [{ path: 'dishes', message: `unknown dish ${unknown.join(', ')}` }]);
  if (Object.values(content.success_signs).filter(Boolean).length < 2) {
    throw new ValidationError('Describe success signs for at least two senses (sight, sound, texture).', [{ path: 'success_signs', message: 'at least two senses' }]);
  }
  if (content.is_core) {
    // A dish's video opens with exactly one core principle.
    const other = await otherCorePrinciple(trx, content.dishes, selfId);
    if (other) throw new ConflictError(`"${other.slug}" is already the core principle of ${other.dishes.filter((d) => content.dishes.includes(d)).join(', ')}.`, 'core_taken');
  }
}

/** The principle as the editor reads it: live content, draft, embedding and who changed what. */
export async function getPrinciple(db: Db, id: string, options: { lock?: boolean } = {}): Promise<PrincipleRecord> {
  const row = await principleEditorRow(db, id, options);
  if (!row) throw new NotFoundError('Principle');
  const [chunks, names] = await Promise.all([principleChunkStats(db, [id]), userNamesByIds(db, [row.updated_by, row.draft_updated_by])]);
  const c = chunks.get(id);
  const { draft_updated_by: draftBy, ...rest } = row;
  return {
    ...rest,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    draft_updated_at: row.draft_updated_at ? iso(row.draft_updated_at) : null,
    chunk_count: c?.n ?? 0,
    embedding_model: c?.model ?? null,
    updated_by_name: row.updated_by ? (names.get(row.updated_by) ?? null) : null,
    draft_updated_by_name: draftBy ? (names.get(draftBy) ?? null) : null,
  };
}
