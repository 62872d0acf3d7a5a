import type { Knex } from 'knex';
import { recordAudit, type Actor } from '../../data/audit-log';
import { lockReviewItem, reserveReviewItem } from '../../data/review-items';
import { personById } from '../../data/users';
import { assertHeldBy, type Person, type ReviewSettings } from './review-items';

/**
 * Reserves the item for the caller for the configured time (claiming again renews it). A live
 * reservation by another coach is refused with held_by_other; an expired one is free for anyone.
 * The row lock makes two coaches claiming at once come out as one holder and one 409.
 */
export async function claimReviewItem(
  knex: Knex,
  settings: ReviewSettings,
  actor: Actor & { userId: string },
  id: string,
): Promise<{ assignee: Person; reservedUntil: string }> {
  return knex.transaction(async (trx) => {
    const item = await lockReviewItem(trx, id);
    try {
      await assertHeldBy(trx, item, actor.userId);
    } catch (error) {
      // Free (nobody holds it, or the reservation ran out) is what claiming is for.
      if (!(error instanceof Error) || (error as { code?: string }).code !== 'not_claimed') throw error;
    }
    const reservedUntil = (await reserveReviewItem(trx, id, actor.userId, settings.claimMinutes)).toISOString();
    const me = await personById(trx, actor.userId);
    const renewed = item.live && item.assignee_id === actor.userId;
    await recordAudit(trx, actor, {
      action: renewed ? 'review.claim_renew' : 'review.claim',
      entityType: 'review_item',
      entityId: id,
      before: { status: item.status, assigneeId: item.live ? item.assignee_id : null },
      after: { status: 'in_review', assigneeId: actor.userId, reservedUntil },
    });
    return { assignee: me, reservedUntil };
  });
}
