import type { Knex } from 'knex';
import type { JobQueue } from '../../queue/job-queue';
import { recordAudit, type Actor } from '../../data/audit-log';
import { returnToNarrate } from '../../data/cooking-sessions';
import { lockReviewItem, recordReviewDecision } from '../../data/review-items';
import { assertHeldBy } from './review-items';

/**
 * Sends the draft back with the coach's reason: the item is decided 'sent_back' (the reason is its
 * decision_reason), the session returns to the narrate stage, and the narrate job drafts the next
 * version with the reason as instructions; the item is pending again once that draft is stored.
 * Queued after the commit; the session's 'narrating' status lets the stage sweeper re-send a lost job.
 */
export async function sendBackReviewItem(
  deps: { knex: Knex; queue: JobQueue },
  actor: Actor & { userId: string },
  id: string,
  input: { reason: string },
): Promise<{ status: 'sent_back' }> {
  const sessionId = await deps.knex.transaction(async (trx) => {
    const item = await lockReviewItem(trx, id);
    await assertHeldBy(trx, item, actor.userId);
    await recordReviewDecision(trx, id, { kind: 'sent_back', by: actor.userId, reason: input.reason });
    await returnToNarrate(trx, item.session_id);
    await recordAudit(trx, actor, {
      action: 'review.send_back',
      entityType: 'review_item',
      entityId: id,
      before: { status: item.status },
      after: { status: 'sent_back', reason: input.reason },
    });
    return item.session_id;
  });
  await deps.queue.send('narrate', { sessionId }, { singletonKey: sessionId });
  return { status: 'sent_back' };
}
