import { Router } from 'express';
import type { QuestionLimits } from '@ajimi/core/services/chat/question-limits';
import type { Knex } from 'knex';
import { z } from 'zod';
import { NotFoundError } from '@ajimi/core/errors';
import type { StorageProvider } from '@ajimi/core/providers/storage/storage-provider';
import { listLearnerRooms, listRoomMessages, markRoomRead } from '@ajimi/core/data/chat-rooms';
import { attachMessageMedia } from '@ajimi/core/services/chat/message-media';
import { postLearnerMessage } from '@ajimi/core/services/chat/post-message';
import type { JobQueue } from '@ajimi/core/queue/job-queue';
import { currentUser, requireRole } from '../http/authenticate';
import { parse } from '../http/parse';

export const messagesQuery = z
  .object({
    // A message id (exact: the page ends right before that message) or an ISO time (strictly older).
    before: z.union([z.uuid().transform((messageId) => ({ messageId })), z.iso.datetime({ offset: true }).transform((v) => new Date(v))]).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/**
 * The learner's own chat rooms. A room id of someone else answers 404, exactly like a missing one.
 * Video messages come with short-lived signed URLs, minted only for the caller's own media.
 */
export function roomRoutes(deps: { knex: Knex; storage: StorageProvider }): Router {
  const router = Router();
  router.use(requireRole('learner'));
  router.get('/', async (req, res) => {
    res.json({ rooms: await listLearnerRooms(deps.knex, currentUser(req).id) });
  });
  router.get('/:roomId/messages', async (req, res) => {
    const { roomId } = parse(z.object({ roomId: z.uuid() }), req.params, 'room id');
    const query = parse(messagesQuery, req.query, 'query');
    const userId = currentUser(req).id;
    const messages = await listRoomMessages(deps.knex, userId, roomId, query);
    if (!messages) throw new NotFoundError('Room');
    res.json({ messages: await attachMessageMedia(deps.knex, deps.storage, userId, messages) });
  });
  router.post('/:roomId/read', async (req, res) => {
    const { roomId } = parse(z.object({ roomId: z.uuid() }), req.params, 'room id');
    parse(z.object({}).strict(), req.body ?? {}, 'request');
    if (!(await markRoomRead(deps.knex, currentUser(req).id, roomId))) throw new NotFoundError('Room');
    res.status(204).end();
  });
  return router;
}

export const postBody = z
  .object({
    body: z.string().trim().min(1).max(2000),
    sessionId: z.uuid().optional(),
  })
  .strict();

/** A cook asks a follow-up question (or just writes) in one of their rooms. */
export function roomPostRoutes(deps: { knex: Knex; queue: JobQueue; questionLimits?: QuestionLimits | undefined }): Router {
  const router = Router();
  router.use(requireRole('learner'));
  router.post('/:roomId/messages', async (req, res) => {
    const { roomId } = parse(z.object({ roomId: z.uuid() }), req.params, 'room id');
    const input = parse(postBody, req.body, 'message');
    const message = await postLearnerMessage(deps, { userId: currentUser(req).id, roomId, body: input.body, sessionId: input.sessionId });
    res.status(201).json({ message });
  });
  return router;
}
