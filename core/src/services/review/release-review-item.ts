import type { Knex } from 'knex';
import { recordAudit, type Actor } from '../../data/audit-log';
import { HeldByOtherError, lockReviewItem } from './review-items';

/**
 * Gives the reservation up. The holder may release it, and an admin may release anyone's;
 * releasing an item nobody holds does nothing.
 */
export async function releaseReviewItem(knex: Knex, actor: Actor & { userId: string; role: string }, id: string): Promise<void> {
  await knex.transaction(async (trx) => {
    const item = await lockReviewItem(trx, id);
    if (!item.live || !item.assignee_id || item.status !== 'in_review') return;
    if (item.assignee_id !== actor.userId && actor.role !== 'admin') {
      const holder = await trx('users').where({ id: item.assignee_id }).first('id', 'name');
      throw new HeldByOtherError({ id: holder.id, name: holder.name }, new Date(item.reserved_until as Date).toISOString());
    }
    await trx('review_items').where({ id }).update({ assignee_id: null, reserved_until: null, status: 'pending', updated_at: trx.fn.now() });
    await recordAudit(trx, actor, {
      action: 'review.release',
      entityType: 'review_item',
      entityId: id,
      before: { status: 'in_review', assigneeId: item.assignee_id },
      after: { status: 'pending', assigneeId: null },
    });
  });
}
