import type { Knex } from 'knex';
import { findUndeliveredApprovals } from '../../data/review-items';
import type { JobQueue } from '../../queue/job-queue';

/**
 * The safety net for approvals: an approved item whose session was never delivered and has no
 * deliver job waiting or running (the API stopped between the commit and the send) gets its job
 * again. Delivery is idempotent, so a duplicate is harmless. For the worker's sweeper.
 */
export async function resendUndeliveredApprovals(knex: Knex, queue: JobQueue, options: { quietSeconds: number }): Promise<number> {
  const rows = await findUndeliveredApprovals(knex, options.quietSeconds);
  let sent = 0;
  for (const r of rows) {
    if (await queue.send('deliver', { reviewItemId: r.id, sessionId: r.session_id, renderId: r.render_id }, { singletonKey: r.session_id })) sent++;
  }
  return sent;
}
