/** The cook's earlier sessions of a dish, for side-by-side comparison in the review workspace. */
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

export interface PreviousSessionRow {
  id: string;
  attempt_number: number;
  created_at: Date;
  /** The newest analysis of that session. */
  result: Record<string, unknown>;
  /** The clip of its newest narration script (what a coach last chose), when it has one. */
  key_moment: { start: number; end: number } | null;
}

/**
 * The same cook's latest earlier session of the same dish whose newest analysis could coach it
 * (`coachable` not false), or undefined. Deleted sessions and later attempts never count.
 */
export async function previousCoachableSession(db: Db, s: { userId: string; dishId: string; attemptNumber: number; excludeId: string }): Promise<PreviousSessionRow | undefined> {
  const result = await db.raw(
    `select s.id, s.attempt_number, s.created_at, a.result,
            (select ns.key_moment from narration_scripts ns where ns.session_id = s.id order by ns.version desc limit 1) as key_moment
       from cooking_sessions s
       join lateral (select result from analyses where session_id = s.id order by created_at desc limit 1) a on true
      where s.user_id = ? and s.dish_id = ? and s.id <> ? and s.deleted_at is null and s.attempt_number < ?
        and coalesce(a.result->>'coachable', 'true') <> 'false'
      order by s.attempt_number desc
      limit 1`,
    [s.userId, s.dishId, s.excludeId, s.attemptNumber],
  );
  return result.rows[0];
}
