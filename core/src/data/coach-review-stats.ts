/** A coach's own review throughput, read from the audit log (claims and decisions are audited). */
import type { Knex } from 'knex';

export interface CoachReviewStatsRow {
  reviewed: number;
  /** Median seconds from the coach's last claim of an item to their decision on it; null with no decisions. */
  medianSec: number | null;
}

/** Decisions (approve, send back) by the coach since `since`, and the median time each took from its claim. */
export async function coachReviewStats(knex: Knex, coachId: string, since: Date): Promise<CoachReviewStatsRow> {
  const row = await knex
    .with('decided', (q) =>
      q
        .from('audit_log as d')
        .where('d.actor_user_id', coachId)
        .whereIn('d.action', ['review.approve', 'review.send_back'])
        .where('d.created_at', '>=', since)
        .select(
          'd.created_at as decided_at',
          knex.raw(
            `(select max(c.created_at) from audit_log c where c.entity_id = d.entity_id and c.actor_user_id = d.actor_user_id and c.action = 'review.claim' and c.created_at <= d.created_at) as claimed_at`,
          ),
        ),
    )
    .from('decided')
    .first(
      knex.raw('count(*)::int as reviewed'),
      knex.raw('percentile_cont(0.5) within group (order by extract(epoch from decided_at - claimed_at)) as median_sec'),
    );
  return { reviewed: Number(row?.reviewed ?? 0), medianSec: row?.median_sec === null || row?.median_sec === undefined ? null : Number(row.median_sec) };
}
