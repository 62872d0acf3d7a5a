import type { Knex } from 'knex';
import { findStalledSessions } from '../../data/cooking-sessions';
import { STAGE_OF_STATUS, type SessionStatus } from '../../domain/session-status';
import type { JobQueue } from '../../queue/job-queue';

/**
 * The safety net under "nothing is lost": a session whose stage has no job waiting or running
 * (the API stopped between committing an upload and queueing ingest, the database restarted
 * mid-send, …) gets its stage re-sent. Re-sending is harmless: the queues allow one job per
 * session, and every stage is idempotent.
 */
export async function resendStalledStages(knex: Knex, queue: JobQueue, options: { quietSeconds: number }): Promise<number> {
  const statuses = Object.keys(STAGE_OF_STATUS) as SessionStatus[];
  const stalled = await findStalledSessions(knex, statuses, options.quietSeconds);
  let sent = 0;
  for (const row of stalled) {
    const stage = STAGE_OF_STATUS[row.status];
    if (!stage) continue;
    if (await queue.send(stage, { sessionId: row.id }, { singletonKey: row.id })) sent++;
  }
  return sent;
}
