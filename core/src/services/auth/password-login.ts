import type { Knex } from 'knex';
import { openUserSession, revokeUserSession } from '../../data/user-sessions';
import { findUserByEmail, touchLastLogin } from '../../data/users';
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
  const user = await findUserByEmail(knex, input.email);
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await timingDecoyHash));
  if (!user || !ok || !user.password_hash) {
    throw new UnauthorizedError('The email or password is not correct.', 'invalid_credentials');
  }
  if (user.disabled) throw new UnauthorizedError('This account is disabled.', 'account_disabled');
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  const sessionId = await openUserSession(knex, user.id, expiresAt, input.userAgent?.slice(0, 300) ?? null);
  await touchLastLogin(knex, user.id);
  return { user: toPublicUser(user), sessionId, expiresAt };
}

export async function revokeSession(knex: Knex, sessionId: string): Promise<void> {
  await revokeUserSession(knex, sessionId);
}
