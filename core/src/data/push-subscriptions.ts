/** The push_subscriptions aggregate: the browsers a user asked to be notified on. */
import type { Knex } from 'knex';
import type { PushSubscription } from '../models/push-subscription';
import type { ModelObject } from 'objection';

export type PushSubscriptionRow = ModelObject<PushSubscription>;

export async function subscriptionsOf(knex: Knex, userId: string): Promise<PushSubscriptionRow[]> {
  return knex('push_subscriptions').where({ user_id: userId });
}

/**
 * Stores a subscription and keeps only the user's `keep` most recently used ones. An endpoint
 * belongs to one browser; if it moves to another account, it moves with it.
 */
export async function saveSubscriptionKeepingNewest(
  knex: Knex,
  sub: { userId: string; endpoint: string; p256dh: string; auth: string; userAgent: string | null },
  keep: number,
): Promise<void> {
  await knex.transaction(async (trx) => {
    // Serializes one user's subscribes so two at once cannot both slip under the cap.
    await trx('users').where({ id: sub.userId }).forUpdate().first('id');
    await trx('push_subscriptions')
      .insert({ user_id: sub.userId, endpoint: sub.endpoint, p256dh: sub.p256dh, auth: sub.auth, user_agent: sub.userAgent })
      .onConflict('endpoint')
      .merge({ user_id: sub.userId, p256dh: sub.p256dh, auth: sub.auth, failure_count: 0, created_at: trx.fn.now() });
    const kept = trx('push_subscriptions')
      .where({ user_id: sub.userId })
      .orderByRaw('coalesce(last_success_at, created_at) desc')
      .orderBy('created_at', 'desc')
      .limit(keep)
      .select('id');
    await trx('push_subscriptions').where({ user_id: sub.userId }).whereNotIn('id', kept).delete();
  });
}

export async function deleteSubscription(knex: Knex, userId: string, endpoint: string): Promise<void> {
  await knex('push_subscriptions').where({ endpoint, user_id: userId }).delete();
}

export async function recordPushSuccess(knex: Knex, id: string): Promise<void> {
  await knex('push_subscriptions').where({ id }).update({ last_success_at: knex.fn.now(), failure_count: 0 });
}

export async function recordPushFailure(knex: Knex, id: string): Promise<void> {
  await knex('push_subscriptions').where({ id }).increment('failure_count', 1);
}

export async function removeSubscription(knex: Knex, id: string): Promise<void> {
  await knex('push_subscriptions').where({ id }).delete();
}
