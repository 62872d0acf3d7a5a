import type { Knex } from 'knex';
import { saveSubscriptionKeepingNewest } from '../../data/push-subscriptions';
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
  await saveSubscriptionKeepingNewest(
    knex,
    { userId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, userAgent: input.userAgent?.slice(0, 300) ?? null },
    MAX_SUBSCRIPTIONS_PER_USER,
  );
}
