import type { Knex } from 'knex';
import type { AuditRow } from '../contracts/audit-log';
import { NotFoundError } from '../errors';
import { partialPageOf, type ListQuery, type PartialListPage } from './list-query';
import { ROUTINE_AUDIT_ACTIONS } from './audit-targets';

export interface Actor {
  userId: string | null;
  role: string | null;
  requestId?: string | undefined;
}

export interface AuditEntry {
  action: string; // "<entity>.<verb>", e.g. "user.update"
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Written in the same transaction as the change it records, so neither exists without the other. */
export async function recordAudit(db: Knex | Knex.Transaction, actor: Actor, entry: AuditEntry): Promise<void> {
  await db('audit_log').insert({
    actor_user_id: actor.userId,
    actor_role: actor.role,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    request_id: actor.requestId ?? null,
  });
}

export type { AuditRow };

export interface AuditFilter {
  q?: string | undefined;
  action?: string | undefined;
  entity_type?: string | undefined;
  entity_id?: string | undefined;
  actor_user_id?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  id?: string[] | undefined;
  /** false: without the claim/release rows that opening and leaving a review makes. */
  routine?: boolean | undefined;
}

export const AUDIT_SORT_FIELDS = ['id', 'created_at', 'action', 'entity_type', 'actor_name'] as const;
const COLUMNS = ['id', 'created_at', 'actor_user_id', 'actor_name', 'actor_email', 'actor_role', 'action', 'entity_type', 'entity_id', 'before', 'after', 'request_id'];

function baseQuery(knex: Knex) {
  return knex('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select('a.id', 'a.created_at', 'a.actor_user_id', 'u.name as actor_name', 'u.email as actor_email', 'a.actor_role', 'a.action', 'a.entity_type', 'a.entity_id', 'a.before', 'a.after', 'a.request_id');
}

// bigint ids travel as strings: react-admin keeps them exact and they never lose precision.
const toRow = (r: Record<string, unknown>): AuditRow => ({ ...(r as unknown as AuditRow), id: String(r.id), created_at: new Date(r.created_at as string).toISOString() });

/**
 * The audit log, newest first by default: who changed what, before and after. Not counted: it
 * grows with every staff action, and counting it cost more than reading the page (issue 11).
 */
export async function listAuditLog(knex: Knex, list: ListQuery<AuditFilter>): Promise<PartialListPage<AuditRow>> {
  const inner = baseQuery(knex);
  const f = list.filter;
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    inner.where((w) =>
      w
        .whereRaw(`a.action ilike ? escape '\\'`, [pattern])
        .orWhereRaw(`a.entity_id ilike ? escape '\\'`, [pattern])
        .orWhereRaw(`u.name ilike ? escape '\\'`, [pattern])
        .orWhereRaw(`u.email ilike ? escape '\\'`, [pattern]),
    );
  }
  if (f.action) inner.where('a.action', f.action);
  if (f.entity_type) inner.where('a.entity_type', f.entity_type);
  if (f.entity_id) inner.where('a.entity_id', f.entity_id);
  if (f.actor_user_id) inner.where('a.actor_user_id', f.actor_user_id);
  if (f.since) inner.where('a.created_at', '>=', f.since);
  if (f.until) inner.where('a.created_at', '<', f.until);
  if (f.id) inner.whereIn('a.id', f.id);
  if (f.routine === false) inner.whereNotIn('a.action', ROUTINE_AUDIT_ACTIONS);
  const page = await partialPageOf<Record<string, unknown>>(knex.from(inner.as('x')), list, COLUMNS);
  return { ...page, rows: page.rows.map(toRow) };
}

export async function getAuditEntry(knex: Knex, id: string): Promise<AuditRow> {
  const row = await baseQuery(knex).where('a.id', id).first();
  if (!row) throw new NotFoundError('Audit entry');
  return toRow(row);
}

/** The distinct actions and entity types recorded so far, for the list's filters. */
export async function auditFacets(knex: Knex): Promise<{ actions: string[]; entityTypes: string[] }> {
  const [actions, entityTypes] = await Promise.all([
    knex('audit_log').distinct('action').orderBy('action').pluck('action'),
    knex('audit_log').distinct('entity_type').orderBy('entity_type').pluck('entity_type'),
  ]);
  return { actions, entityTypes };
}
