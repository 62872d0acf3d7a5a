/** The user_sessions aggregate: the built-in accounts' server-side sign-in sessions. */
import type { Knex } from 'knex';
import { PREPARED } from '../db/knex';
import type { UserRow } from './users';

type Db = Knex | Knex.Transaction;

export async function openUserSession(knex: Knex, userId: string, expiresAt: Date, userAgent: string | null): Promise<string> {
  const [row] = await knex('user_sessions').insert({ user_id: userId, expires_at: expiresAt, user_agent: userAgent }).returning('id');
  return row.id as string;
}

export async function revokeUserSession(knex: Knex, sessionId: string): Promise<void> {
  await knex('user_sessions').where({ id: sessionId }).whereNull('revoked_at').update({ revoked_at: knex.fn.now() });
}

/** The enabled user behind a live (not revoked, not expired) session. */
export async function liveSessionUser(knex: Knex, sessionId: string): Promise<Pick<UserRow, 'id' | 'email' | 'name' | 'role' | 'locale'> | undefined> {
  return knex('user_sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .where('s.id', sessionId)
    .whereNull('s.revoked_at')
    .where('s.expires_at', '>', knex.fn.now())
    .where('u.disabled', false)
    .first('u.id', 'u.email', 'u.name', 'u.role', 'u.locale')
    .options(PREPARED); // every signed-in request asks it
}

/** Ends every open session of the user, except `keepSessionId` when given. */
export async function revokeSessionsOf(db: Db, userId: string, keepSessionId?: string): Promise<void> {
  const open = db('user_sessions').where({ user_id: userId }).whereNull('revoked_at');
  if (keepSessionId) open.whereNot({ id: keepSessionId });
  await open.update({ revoked_at: db.fn.now() });
}

/** Ends every open session of every demo user. */
export async function revokeDemoSessions(db: Db): Promise<void> {
  await db('user_sessions')
    .whereIn('user_id', db('users').where({ is_demo: true }).select('id'))
    .whereNull('revoked_at')
    .update({ revoked_at: db.fn.now() });
}
