import type { Knex } from 'knex';
import { UnauthorizedError } from '../../errors';
import { timingDecoyHash, verifyPassword } from './password-hash';
import { toPublicUser, type PublicUser } from './public-user';

export interface LoginResult {
  user: PublicUser;
  sessionId: string;
  expiresAt: Date;
}

/** Built-in accounts: checks the password and opens a server-side session (revocable on logout). */
export async function loginWithPassword(
  knex: Knex,
  input: { email: string; password: string; userAgent?: string | undefined },
  ttlHours: number,
): Promise<LoginResult> {
  const user = await knex('users').whereRaw('lower(email) = lower(?)', [input.email]).first();
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await timingDecoyHash));
  if (!user || !ok || !user.password_hash) {
    throw new UnauthorizedError('The email or password is not correct.', 'invalid_credentials');
  }
  if (user.disabled) throw new UnauthorizedError('This account is disabled.', 'account_disabled');
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  const [session] = await knex('user_sessions')
    .insert({ user_id: user.id, expires_at: expiresAt, user_agent: input.userAgent?.slice(0, 300) ?? null })
    .returning('id');
  await knex('users').where({ id: user.id }).update({ last_login_at: knex.fn.now() });
  return { user: toPublicUser(user), sessionId: session.id as string, expiresAt };
}

export async function revokeSession(knex: Knex, sessionId: string): Promise<void> {
  await knex('user_sessions').where({ id: sessionId }).whereNull('revoked_at').update({ revoked_at: knex.fn.now() });
}

/** The user behind a live session, or null when it is unknown, revoked, expired or disabled. */
export async function findSessionUser(knex: Knex, sessionId: string): Promise<PublicUser | null> {
  const row = await knex('user_sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .where('s.id', sessionId)
    .whereNull('s.revoked_at')
    .where('s.expires_at', '>', knex.fn.now())
    .where('u.disabled', false)
    .first('u.id', 'u.email', 'u.name', 'u.role', 'u.locale');
  return row ? toPublicUser(row) : null;
}
