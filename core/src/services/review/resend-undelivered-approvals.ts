import type { Knex } from 'knex';
import type { JobQueue } from '../../queue/job-queue';

/**
 * The safety net for approvals: an approved item whose session was never delivered and has no
 * deliver job waiting or running (the API stopped between the commit and the send) gets its job
 * again. Delivery is idempotent, so a duplicate is harmless. For the worker's sweeper.
 */
export async function resendUndeliveredApprovals(knex: Knex, queue: JobQueue, options: { quietSeconds: number }): Promise<number> {
  const rows = await knex('review_items as ri')
    .join('cooking_sessions as s', 's.id', 'ri.session_id')
    .where('ri.status', 'approved')
    .whereNotNull('ri.render_id')
    .whereNull('s.delivered_at')
    .whereNull('s.deleted_at')
    .whereNot('s.status', 'failed')
    .where('ri.decided_at', '<', knex.raw('now() - make_interval(secs => ?)', [options.quietSeconds]))
    .whereNotExists(function pending() {
      this.select(knex.raw('1'))
        .from('pgboss.job as j')
        .where('j.name', 'deliver')
        .whereRaw('j.singleton_key = ri.session_id::text')
        .whereIn('j.state', ['created', 'retry', 'active']);
    })
    .limit(100)
    .select('ri.id', 'ri.session_id', 'ri.render_id');
  let sent = 0;
  for (const r of rows) {
    if (await queue.send('deliver', { reviewItemId: r.id, sessionId: r.session_id, renderId: r.render_id }, { singletonKey: r.session_id })) sent++;
  }
  return sent;
}
