import type { Knex } from 'knex';
import type { Agent } from 'node:https';
import webpush from 'web-push';
import { recordPushFailure, recordPushSuccess, removeSubscription, subscriptionsOf } from '../../data/push-subscriptions';
import { getOrCreateSetting } from '../../data/app-settings';
import { checkPushEndpoint, type EndpointCheck } from './push-endpoint';

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
  /** The message the notification is about (learner-app/public/push-sw.js falls back to them). */
  roomId?: string;
  messageId?: string;
}

export interface PushSender {
  /** Sent now ({ sent, removed }) or handed to the push queue ({ queued }). */
  notifyUser(userId: string, message: PushMessage): Promise<{ sent: number; removed: number } | { queued: string | null }>;
}

/** The sender that talks to the push services itself (the push queue's worker uses it). */
export interface WebPushSender extends PushSender {
  notifyUser(userId: string, message: PushMessage): Promise<{ sent: number; removed: number }>;
}

/** A push service that has not answered in this long is counted as failed; the others are not held up. */
export const PUSH_TIMEOUT_MS = 5_000;

/**
 * Web Push to every browser a user subscribed. A subscription the push service says is gone
 * (404/410) is deleted; other failures are counted and never fail the caller's stage.
 */
export function createWebPushSender(deps: {
  knex: Knex;
  subject: string;
  agent?: Agent;
  timeoutMs?: number;
  /** Which endpoints may be contacted; the known push services unless a test points at its own loopback service. */
  checkEndpoint?: (endpoint: string) => EndpointCheck;
}): WebPushSender {
  const check = deps.checkEndpoint ?? checkPushEndpoint;
  return {
    async notifyUser(userId, message) {
      const keys = await vapidKeys(deps.knex);
      const subscriptions = await subscriptionsOf(deps.knex, userId);
      // In parallel: one dead endpoint costs at most the timeout, never the sum of all of them.
      const outcomes = await Promise.all(
        subscriptions.map(async (sub): Promise<'sent' | 'removed' | 'failed'> => {
          // Rows stored before endpoints were checked are dropped rather than contacted.
          if (!check(sub.endpoint).ok) {
            await removeSubscription(deps.knex, sub.id);
            return 'removed';
          }
          try {
            await webpush.sendNotification(
              { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
              JSON.stringify(message),
              { vapidDetails: { subject: deps.subject, publicKey: keys.publicKey, privateKey: keys.privateKey }, TTL: 24 * 3600, timeout: deps.timeoutMs ?? PUSH_TIMEOUT_MS, ...(deps.agent ? { agent: deps.agent } : {}) },
            );
            await recordPushSuccess(deps.knex, sub.id);
            return 'sent';
          } catch (error) {
            const status = (error as { statusCode?: number }).statusCode;
            if (status === 404 || status === 410) {
              await removeSubscription(deps.knex, sub.id);
              return 'removed';
            }
            await recordPushFailure(deps.knex, sub.id);
            return 'failed';
          }
        }),
      );
      return { sent: outcomes.filter((o) => o === 'sent').length, removed: outcomes.filter((o) => o === 'removed').length };
    },
  };
}
