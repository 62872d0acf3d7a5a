import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { PushSender } from '@ajimi/core/providers/push/web-push-sender';
import type { StorageProvider } from '@ajimi/core/providers/storage/storage-provider';
import { getCookChat, handBackToAi, postCoachReply, takeOverRoom } from '@ajimi/core/services/cooks/coach-chat';
import { getCookJourney } from '@ajimi/core/services/cooks/cook-journey';
import { COOK_SORT_FIELDS, listCooks } from '@ajimi/core/services/cooks/list-cooks';
import { actorOf, requireRole } from '../../http/authenticate';
import { parse } from '../../http/parse';
import { parseListQuery, sendList, uuidList } from '../../http/simple-rest';

export const filter = z
  .object({
    q: z.string().max(200).optional(),
    dish: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80).optional(),
    ai_paused: z.boolean().optional(),
    awaiting_reply: z.boolean().optional(),
    id: uuidList.optional(),
  })
  .strict();

const idParam = z.object({ id: z.uuid() });
export const chatQuery = z.object({ roomId: z.uuid().optional() }).strict();
export const replyBody = z.object({ roomId: z.uuid(), body: z.string().trim().min(1).max(4000), sessionId: z.uuid().optional() }).strict();
export const roomBody = z.object({ roomId: z.uuid() }).strict();

/** Cooks and their conversations (chef-coaches and admins). */
export function cookRoutes(deps: { knex: Knex; storage: StorageProvider; push?: PushSender | undefined }): Router {
  const router = Router();
  router.use(requireRole('coach', 'admin'));
  router.get('/', async (req, res) => {
    const list = parseListQuery(req, { sortable: COOK_SORT_FIELDS, defaultSort: ['last_message_at', 'DESC'], filter });
    sendList(res, 'cooks', await listCooks(deps.knex, list));
  });
  router.get('/:id', async (req, res) => {
    res.json(await getCookJourney(deps, parse(idParam, req.params, 'cook id').id));
  });
  router.get('/:id/chat', async (req, res) => {
    const { id } = parse(idParam, req.params, 'cook id');
    res.json(await getCookChat(deps.knex, id, parse(chatQuery, req.query, 'query')));
  });
  router.post('/:id/chat/messages', async (req, res) => {
    const { id } = parse(idParam, req.params, 'cook id');
    const input = parse(replyBody, req.body, 'reply');
    const actor = actorOf(req);
    const result = await postCoachReply({ knex: deps.knex, push: deps.push, onPushError: (err) => req.log.warn({ err }, 'push failed') }, actor, id, input);
    res.status(201).json(result);
  });
  router.post('/:id/chat/take-over', async (req, res) => {
    const { id } = parse(idParam, req.params, 'cook id');
    res.json({ rooms: await takeOverRoom(deps.knex, actorOf(req), id, parse(roomBody, req.body, 'room').roomId) });
  });
  router.post('/:id/chat/hand-back', async (req, res) => {
    const { id } = parse(idParam, req.params, 'cook id');
    res.json({ rooms: await handBackToAi(deps.knex, actorOf(req), id, parse(roomBody, req.body, 'room').roomId) });
  });
  return router;
}
