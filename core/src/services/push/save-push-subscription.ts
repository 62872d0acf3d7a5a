import type { Knex } from 'knex';
import { ValidationError } from '../../errors';
import { MAX_SUBSCRIPTIONS_PER_USER, checkPushEndpoint } from '../../providers/push/push-endpoint';

export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  userAgent: string | undefined;
}

/**
 * Stores a browser's push subscription for the user. Only endpoints on a known push service are
 * accepted; a user keeps at most MAX_SUBSCRIPTIONS_PER_USER, the ones unused the longest go first.
 */
export async function savePushSubscription(knex: Knex, userId: string, input: PushSubscriptionInput): Promise<void> {
  const check = checkPushEndpoint(input.endpoint);
  if (!check.ok) {
    throw new ValidationError(`この通知先は受け付けられません（${check.reason}）。 / This push endpoint is not accepted (${check.reason}).`, [
      { path: 'endpoint', message: check.reason },
    ]);
  }
  await knex.transaction(async (trx) => {
    // Serializes one user's subscribes so two at once cannot both slip under the cap.
    await trx('users').where({ id: userId }).forUpdate().first('id');
    // An endpoint belongs to one browser; if it moves to another account, it moves with it.
    await trx('push_subscriptions')
      .insert({ user_id: userId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, user_agent: input.userAgent?.slice(0, 300) ?? null })
      .onConflict('endpoint')
      .merge({ user_id: userId, p256dh: input.keys.p256dh, auth: input.keys.auth, failure_count: 0, created_at: trx.fn.now() });
    const keep = trx('push_subscriptions')
      .where({ user_id: userId })
      .orderByRaw('coalesce(last_success_at, created_at) desc')
      .orderBy('created_at', 'desc')
      .limit(MAX_SUBSCRIPTIONS_PER_USER)
      .select('id');
    await trx('push_subscriptions').where({ user_id: userId }).whereNotIn('id', keep).delete();
  });
}
