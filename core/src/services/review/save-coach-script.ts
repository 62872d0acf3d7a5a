import type { Knex } from 'knex';
import type { JobQueue } from '../../queue/job-queue';
import { recordAudit, type Actor } from '../../data/audit-log';
import { findScript, insertScript } from '../../data/narration-scripts';
import { extendReservation } from '../../data/review-items';
import type { NarrationScript } from '../coaching/narration-script';
import { queueRenderOnce } from './queue-render';
import { assertHeldBy, lockReviewItem, type ReviewSettings } from './review-items';

/**
 * Stores the coach's script as the next version (the holder of the claim only) and queues its
 * render; the render job is keyed by the version, so this newer request supersedes a running one.
 * Saving renews the reservation. The render row appears when a worker starts the job: until then
 * GET /:id lists it under queuedRenders.
 */
export async function saveCoachScript(
  deps: { knex: Knex; queue: JobQueue; settings: ReviewSettings },
  actor: Actor & { userId: string },
  id: string,
  input: { script: NarrationScript; keyMoment: { start: number; end: number } },
): Promise<{ scriptVersion: number; renderId: null; renderJobId: string | null }> {
  const saved = await deps.knex.transaction(async (trx) => {
    const item = await lockReviewItem(trx, id);
    await assertHeldBy(trx, item, actor.userId);
    const prev = await findScript(trx, item.session_id);
    const version = (prev?.version ?? 0) + 1;
    await insertScript(trx, { sessionId: item.session_id, version, authorKind: 'coach', authorUserId: actor.userId, content: input.script, keyMoment: input.keyMoment });
    await extendReservation(trx, id, deps.settings.claimMinutes);
    await recordAudit(trx, actor, {
      action: 'review.script_save',
      entityType: 'review_item',
      entityId: id,
      before: prev ? { scriptVersion: prev.version, script: prev.content, keyMoment: prev.key_moment } : null,
      after: { scriptVersion: version, script: input.script, keyMoment: input.keyMoment },
    });
    return { sessionId: item.session_id, version };
  });
  const renderJobId = await queueRenderOnce(deps.knex, deps.queue.send, { sessionId: saved.sessionId, scriptVersion: saved.version });
  return { scriptVersion: saved.version, renderId: null, renderJobId };
}
