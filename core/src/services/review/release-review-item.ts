import type { Knex } from 'knex';
import { recordAudit, type Actor } from '../../data/audit-log';
import { lockReviewItem, releaseReservation } from '../../data/review-items';
import { personById } from '../../data/users';
import { HeldByOtherError } from './review-items';

/**
 * Gives the reservation up. The holder may release it, and an admin may release anyone's;
 * releasing an item nobody holds does nothing.
 */
export async function releaseReviewItem(knex: Knex, actor: Actor & { userId: string; role: string }, id: string): Promise<void> {
  await knex.transaction(async (trx) => {
    const item = await lockReviewItem(trx, id);
    if (!item.live || !item.assignee_id || item.status !== 'in_review') return;
    if (item.assignee_id !== actor.userId && actor.role !== 'admin') {
      throw new HeldByOtherError(await personById(trx, item.assignee_id), new Date(item.reserved_until as Date).toISOString());
    }
    await releaseReservation(trx, id);
    await recordAudit(trx, actor, {
      action: 'review.release',
      entityType: 'review_item',
      entityId: id,
      before: { status: 'in_review', assigneeId: item.assignee_id },
      after: { status: 'pending', assigneeId: null },
    });
  });
}
