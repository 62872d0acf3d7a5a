import type { Knex } from 'knex';
import { clearThrottle, lockThrottle, recordThrottledAttempt } from '../../data/login-throttles';
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
    const row = await lockThrottle(trx, account, policy.forgetAfterHours);
    if (row.lockedFor !== null && row.lockedFor > 0) throw new LoginThrottledError(Math.ceil(row.lockedFor));
    const failures = (row.stale ? 0 : row.failures) + 1;
    await recordThrottledAttempt(trx, account, failures, backoffSeconds(failures, policy));
  });
}

/** A correct password: the account starts afresh. */
export async function clearLoginAttempts(knex: Knex, email: string): Promise<void> {
  await clearThrottle(knex, accountKey(email));
}
