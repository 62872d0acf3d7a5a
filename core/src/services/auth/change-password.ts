import type { Knex } from 'knex';
import { AppError, NotFoundError, UnauthorizedError } from '../../errors';
import { recordAudit, type Actor } from '../../data/audit-log';
import { clearLoginAttempts, countLoginAttempt } from './login-throttle';
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
  const user = await knex('users').where({ id: actor.userId }).first('id', 'email', 'password_hash');
  if (!user?.password_hash) throw new AppError(409, 'no_password', 'このアカウントにはパスワードがありません。 / This account signs in without a password.');
  await countLoginAttempt(knex, user.email);
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw new UnauthorizedError('現在のパスワードが正しくありません。 / The current password is not correct.', 'invalid_credentials');
  }
  await clearLoginAttempts(knex, user.email);
  const hash = await hashPassword(input.newPassword);
  await knex.transaction(async (trx) => {
    await trx('users').where({ id: user.id }).update({ password_hash: hash, updated_at: trx.fn.now() });
    const others = trx('user_sessions').where({ user_id: user.id }).whereNull('revoked_at');
    if (input.keepSessionId) others.whereNot({ id: input.keepSessionId });
    await others.update({ revoked_at: trx.fn.now() });
    await recordAudit(trx, actor, { action: 'user.password_change', entityType: 'user', entityId: user.id });
  });
}

/** An admin sets a new password for someone who lost theirs; all that user's sessions end. */
export async function resetPassword(knex: Knex, actor: Actor, userId: string, newPassword: string): Promise<void> {
  const hash = await hashPassword(newPassword);
  await knex.transaction(async (trx) => {
    const user = await trx('users').where({ id: userId }).forUpdate().first('id', 'email');
    if (!user) throw new NotFoundError('User');
    await trx('users').where({ id: userId }).update({ password_hash: hash, updated_at: trx.fn.now() });
    await trx('user_sessions').where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
    await trx('login_throttles').where({ account: user.email.toLowerCase() }).delete();
    await recordAudit(trx, actor, { action: 'user.password_reset', entityType: 'user', entityId: userId });
  });
}
