import type { Knex } from 'knex';
import type { AuditTarget } from '../contracts/audit-log';

export type { AuditTarget };

/** Routine rows that opening and leaving a page makes: folded out of the audit view by default. */
export const ROUTINE_AUDIT_ACTIONS = ['review.claim', 'review.claim_renew', 'review.release'];

const ids = (rows: Array<{ entity_type: string; entity_id: string | null }>, type: string) => [
  ...new Set(rows.filter((r) => r.entity_type === type && r.entity_id).map((r) => r.entity_id as string)),
];

/**
 * Names the target of each audit row in a few batched queries (one per entity type on the page).
 * Rows whose target is gone keep no name; the console then says it no longer exists.
 */
export async function nameAuditTargets<T extends { entity_type: string; entity_id: string | null }>(knex: Knex, rows: T[]): Promise<Array<T & { target: AuditTarget | null }>> {
  const names = new Map<string, AuditTarget>();
  const uuid = /^[0-9a-f-]{36}$/i;
  const valid = (list: string[]) => list.filter((id) => uuid.test(id));
  const sessionQuery = () =>
    knex('cooking_sessions as s').join('users as u', 'u.id', 's.user_id').join('dishes as d', 'd.id', 's.dish_id').select('u.name as person', 'd.name_ja', 'd.name_en', 's.attempt_number');
  const sessionTarget = (r: Record<string, unknown>): AuditTarget => ({
    person: r.person as string,
    dish: { ja: r.name_ja as string, en: r.name_en as string },
    attempt: r.attempt_number as number,
  });

  const users = valid(ids(rows, 'user'));
  if (users.length) for (const r of await knex('users').whereIn('id', users).select('id', 'name')) names.set(`user:${r.id}`, { person: r.name });
  const principles = valid(ids(rows, 'principle'));
  if (principles.length) {
    for (const r of await knex('principles').whereIn('id', principles).select('id', 'title_ja', 'title_en')) names.set(`principle:${r.id}`, { title: { ja: r.title_ja, en: r.title_en } });
  }
  const sessions = valid(ids(rows, 'cooking_session'));
  if (sessions.length) for (const r of await sessionQuery().whereIn('s.id', sessions).select('s.id as key')) names.set(`cooking_session:${r.key}`, sessionTarget(r));
  const reviews = valid(ids(rows, 'review_item'));
  if (reviews.length) {
    for (const r of await sessionQuery().join('review_items as ri', 'ri.session_id', 's.id').whereIn('ri.id', reviews).select('ri.id as key')) names.set(`review_item:${r.key}`, sessionTarget(r));
  }
  const rooms = valid(ids(rows, 'chat_room'));
  if (rooms.length) {
    for (const r of await knex('chat_rooms as c').join('users as u', 'u.id', 'c.user_id').whereIn('c.id', rooms).select('c.id', 'c.kind', 'u.name')) {
      names.set(`chat_room:${r.id}`, { person: r.name, room: r.kind });
    }
  }
  return rows.map((r) => ({ ...r, target: names.get(`${r.entity_type}:${r.entity_id}`) ?? null }));
}
