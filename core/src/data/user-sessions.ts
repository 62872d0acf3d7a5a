/** The user_sessions aggregate: the built-in accounts' server-side sign-in sessions. */
import type { Knex } from 'knex';
import type { UserRow } from './users';


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
    .first('u.id', 'u.email', 'u.name', 'u.role', 'u.locale');
}
