import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { deleteSubscription } from '@ajimi/core/data/push-subscriptions';
import { vapidKeys } from '@ajimi/core/providers/push/web-push-sender';
import { savePushSubscription } from '@ajimi/core/services/push/save-push-subscription';
import { currentUser, requireUser } from '../http/authenticate';
import { parse } from '../http/parse';

export const subscriptionBody = z
  .object({
    endpoint: z.url().max(2000).refine((u) => u.startsWith('https://'), 'push endpoints are https'),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: z.string().min(10).max(200), auth: z.string().min(8).max(100) }).strict(),
  })
  .strict();

/** Web Push opt-in: the browser asks for the public key, subscribes, and hands us the subscription. */
export const unsubscribeBody = z.object({ endpoint: z.url().max(2000) }).strict();

export function pushRoutes(deps: { knex: Knex }): Router {
  const router = Router();
  router.use(requireUser);
  router.get('/public-key', async (_req, res) => {
    res.json({ publicKey: (await vapidKeys(deps.knex)).publicKey });
  });
  router.post('/subscriptions', async (req, res) => {
    const sub = parse(subscriptionBody, req.body, 'push subscription');
    await savePushSubscription(deps.knex, currentUser(req).id, { endpoint: sub.endpoint, keys: sub.keys, userAgent: req.get('user-agent') });
    res.status(201).json({ ok: true });
  });
  router.delete('/subscriptions', async (req, res) => {
    const { endpoint } = parse(unsubscribeBody, req.body, 'push subscription');
    await deleteSubscription(deps.knex, currentUser(req).id, endpoint);
    res.status(204).end();
  });
  return router;
}
