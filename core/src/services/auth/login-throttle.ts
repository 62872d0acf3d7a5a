import type { Knex } from 'knex';
import { AppError } from '../../errors';

/**
 * Sign-in throttling per account, counted in Postgres (shared by every API process, kept across
 * restarts, independent of the client's address). The first FREE_ATTEMPTS failures cost nothing;
 * each attempt after that locks the account's password sign-in for a doubling delay, capped.
 * An attempt is counted before the password is checked, under a row lock, so guesses sent at once
 * are counted one after another. A successful sign-in clears the count.
 */
export const LOGIN_THROTTLE = { freeAttempts: 5, baseDelaySeconds: 30, maxDelaySeconds: 15 * 60, forgetAfterHours: 24 };

export class LoginThrottledError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'login_throttled',
      `サインインの失敗が続いたため、このアカウントは${retryAfterSeconds}秒間サインインできません。 / Too many failed sign-ins for this account: try again in ${retryAfterSeconds} s.`,
      { retryAfterSeconds },
    );
  }
}

export function accountKey(email: string): string {
  return email.trim().toLowerCase().slice(0, 254);
}

/** Seconds the account is locked after its nth counted attempt (0 while attempts are free). */
export function backoffSeconds(failures: number, policy = LOGIN_THROTTLE): number {
  if (failures < policy.freeAttempts) return 0;
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** (failures - policy.freeAttempts));
}

/** Counts a sign-in attempt for the account, or throws LoginThrottledError while it is locked. */
export async function countLoginAttempt(knex: Knex, email: string, policy = LOGIN_THROTTLE): Promise<void> {
  const account = accountKey(email);
  await knex.transaction(async (trx) => {
    await trx('login_throttles').insert({ account, failures: 0 }).onConflict('account').ignore();
    const row = await trx('login_throttles')
      .where({ account })
      .forUpdate()
      .first(
        'failures',
        trx.raw('extract(epoch from (locked_until - now()))::float as locked_for'),
        trx.raw(`last_attempt_at < now() - make_interval(hours => ?) as stale`, [policy.forgetAfterHours]),
      );
    if (row.locked_for !== null && row.locked_for > 0) throw new LoginThrottledError(Math.ceil(row.locked_for));
    const failures = (row.stale ? 0 : row.failures) + 1;
    const delay = backoffSeconds(failures, policy);
    await trx('login_throttles')
      .where({ account })
      .update({ failures, last_attempt_at: trx.fn.now(), locked_until: delay ? trx.raw('now() + make_interval(secs => ?)', [delay]) : null });
  });
}

/** A correct password: the account starts afresh. */
export async function clearLoginAttempts(knex: Knex, email: string): Promise<void> {
  await knex('login_throttles').where({ account: accountKey(email) }).delete();
}
