/** The login_throttles aggregate: counted sign-in attempts per account (lower-cased email). */
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export interface ThrottleState {
  failures: number;
  /** Seconds the account is still locked for (null or ≤ 0 when it is not). */
  lockedFor: number | null;
  /** The last attempt is older than the forget window. */
  stale: boolean;
}

/** Creates the account's row if needed and locks it for the rest of the transaction. */
export async function lockThrottle(trx: Knex.Transaction, account: string, forgetAfterHours: number): Promise<ThrottleState> {
  await trx('login_throttles').insert({ account, failures: 0 }).onConflict('account').ignore();
  const row = await trx('login_throttles')
    .where({ account })
    .forUpdate()
    .first(
      'failures',
      trx.raw('extract(epoch from (locked_until - now()))::float as locked_for'),
      trx.raw(`last_attempt_at < now() - make_interval(hours => ?) as stale`, [forgetAfterHours]),
    );
  return { failures: row.failures, lockedFor: row.locked_for, stale: Boolean(row.stale) };
}

export async function recordThrottledAttempt(trx: Knex.Transaction, account: string, failures: number, lockSeconds: number): Promise<void> {
  await trx('login_throttles')
    .where({ account })
    .update({ failures, last_attempt_at: trx.fn.now(), locked_until: lockSeconds ? trx.raw('now() + make_interval(secs => ?)', [lockSeconds]) : null });
}

export async function clearThrottle(db: Db, account: string): Promise<void> {
  await db('login_throttles').where({ account }).delete();
}
