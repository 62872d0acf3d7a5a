import type { Knex } from 'knex';
import type { Agent } from 'node:https';
import webpush from 'web-push';
import { recordPushFailure, recordPushSuccess, removeSubscription, subscriptionsOf } from '../../data/push-subscriptions';
import { getOrCreateSetting } from '../../data/app-settings';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** VAPID keys are generated on first start and kept in the database, shared by every process. */
export async function vapidKeys(knex: Knex): Promise<VapidKeys> {
  return getOrCreateSetting(knex, 'vapid_keys', () => webpush.generateVAPIDKeys());
}

export interface PushMessage {
  title: string;
  body: string;
  /** Where tapping the notification leads, inside the learner app. */
  url: string;
  tag?: string;
}

export interface PushSender {
  notifyUser(userId: string, message: PushMessage): Promise<{ sent: number; removed: number }>;
}

/**
 * Web Push to every browser a user subscribed. A subscription the push service says is gone
 * (404/410) is deleted; other failures are counted and never fail the caller's stage.
 */
export function createWebPushSender(deps: { knex: Knex; subject: string; agent?: Agent }): PushSender {
  return {
    async notifyUser(userId, message) {
      const keys = await vapidKeys(deps.knex);
      const subscriptions = await subscriptionsOf(deps.knex, userId);
      let sent = 0;
      let removed = 0;
      for (const sub of subscriptions) {
        try {
          await webpush.sendNotification(
            { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
            JSON.stringify(message),
            { vapidDetails: { subject: deps.subject, publicKey: keys.publicKey, privateKey: keys.privateKey }, TTL: 24 * 3600, timeout: 10_000, ...(deps.agent ? { agent: deps.agent } : {}) },
          );
          sent++;
          await recordPushSuccess(deps.knex, sub.id);
        } catch (error) {
          const status = (error as { statusCode?: number }).statusCode;
          if (status === 404 || status === 410) {
            await removeSubscription(deps.knex, sub.id);
            removed++;
          } else {
            await recordPushFailure(deps.knex, sub.id);
          }
        }
      }
      return { sent, removed };
    },
  };
}
