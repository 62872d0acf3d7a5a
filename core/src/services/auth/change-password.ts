import type { Knex } from 'knex';
import { AppError, NotFoundError, UnauthorizedError } from '../../errors';
import { recordAudit, type Actor } from '../../data/audit-log';
import { clearThrottle } from '../../data/login-throttles';
import { revokeSessionsOf } from '../../data/user-sessions';
import { findUserById, lockUser, setPasswordHash } from '../../data/users';
import { accountKey, clearLoginAttempts, countLoginAttempt } from './login-throttle';
import { hashPassword, verifyPassword } from './password-hash';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * A signed-in user changes their own password: the current one is checked (and counted like a
 * sign-in attempt, so a borrowed session cannot guess it), the new one stored, and every other
 * session of the user ended. The session making the change stays signed in.
 */
export async function changeOwnPassword(
  knex: Knex,
  actor: Actor & { userId: string },
  input: { currentPassword: string; newPassword: string; keepSessionId: string | undefined },
): Promise<void> {
  const user = await findUserById(knex, actor.userId);
  if (!user?.password_hash) throw new AppError(409, 'no_password', 'このアカウントにはパスワードがありません。 / This account signs in without a password.');
  await countLoginAttempt(knex, user.email);
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw new UnauthorizedError('現在のパスワードが正しくありません。 / The current password is not correct.', 'invalid_credentials');
  }
  await clearLoginAttempts(knex, user.email);
  const hash = await hashPassword(input.newPassword);
  await knex.transaction(async (trx) => {
    await setPasswordHash(trx, user.id, hash);
    await revokeSessionsOf(trx, user.id, input.keepSessionId);
    await recordAudit(trx, actor, { action: 'user.password_change', entityType: 'user', entityId: user.id });
  });
}

/** An admin sets a new password for someone who lost theirs; all that user's sessions end. */
export async function resetPassword(knex: Knex, actor: Actor, userId: string, newPassword: string): Promise<void> {
  const hash = await hashPassword(newPassword);
  await knex.transaction(async (trx) => {
    const user = await lockUser(trx, userId);
    if (!user) throw new NotFoundError('User');
    await setPasswordHash(trx, userId, hash);
    await revokeSessionsOf(trx, userId);
    await clearThrottle(trx, accountKey(user.email));
    await recordAudit(trx, actor, { action: 'user.password_reset', entityType: 'user', entityId: userId });
  });
}
