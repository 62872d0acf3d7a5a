import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { StorageProvider } from '@ajimi/core/providers/storage/storage-provider';
import { cancelCookingSession } from '@ajimi/core/services/sessions/cancel-session';
import { createCookingSession, getLearnerSession, listLearnerSessions } from '@ajimi/core/services/sessions/cooking-sessions';
import { getDishHistory } from '@ajimi/core/services/sessions/dish-history';
import { sessionPosters } from '@ajimi/core/services/sessions/session-posters';
import { listDishesFor } from '@ajimi/core/services/users/learner-profile';
import { currentUser, requireRole } from '../http/authenticate';
import { parse } from '../http/parse';

export const SELF_RATING_KEYS = ['taste', 'doneness', 'texture', 'confidence'] as const;

export const createBody = z
  .object({
    dishSlug: z.string().regex(/^[a-z0-9-]{1,60}$/),
    note: z.string().trim().max(2000).optional(),
    selfRatings: z.partialRecord(z.enum(SELF_RATING_KEYS), z.number().int().min(1).max(5)).optional(),
  })
  .strict();

/** A cook's cooking sessions: start one ("Session N of fried rice"), list them, read one, cancel one. */
export const sessionListQuery = z.object({ dish: z.string().max(60).optional() }).strict();

export function sessionRoutes(deps: { knex: Knex; storage: StorageProvider }): Router {
  const router = Router();
  router.use(requireRole('learner'));
  router.post('/', async (req, res) => {
    const input = parse(createBody, req.body, 'session');
    const session = await createCookingSession(deps.knex, currentUser(req).id, {
      dishSlug: input.dishSlug,
      note: input.note || undefined,
      selfRatings: input.selfRatings as Record<string, number> | undefined,
    });
    res.status(201).json({ session, upload: { endpoint: '/api/uploads', metadata: { sessionId: session.id } } });
  });
  router.get('/', async (req, res) => {
    const { dish } = parse(sessionListQuery, req.query, 'query');
    const userId = currentUser(req).id;
    const sessions = await listLearnerSessions(deps.knex, userId, dish);
    const posters = await sessionPosters(deps.knex, deps.storage, userId, sessions.map((s) => s.id));
    res.json({ sessions: sessions.map((s) => ({ ...s, posterUrl: posters.get(s.id) ?? null })) });
  });
  router.get('/:id', async (req, res) => {
    const { id } = parse(z.object({ id: z.uuid() }), req.params, 'session id');
    res.json({ session: await getLearnerSession(deps.knex, currentUser(req).id, id) });
  });
  // Cancelling before the video has arrived (the app's cancel button); 409 once the pipeline has it.
  router.delete('/:id', async (req, res) => {
    const { id } = parse(z.object({ id: z.uuid() }), req.params, 'session id');
    await cancelCookingSession(deps, currentUser(req).id, id);
    res.status(204).end();
  });
  return router;
}

/** The dishes a cook can pick, with the session number their next one would get, and their history per dish. */
export function dishRoutes(deps: { knex: Knex; storage: StorageProvider }): Router {
  const router = Router();
  router.use(requireRole('learner'));
  router.get('/', async (req, res) => {
    res.json({ dishes: await listDishesFor(deps.knex, currentUser(req).id) });
  });
  router.get('/:slug/history', async (req, res) => {
    const { slug } = parse(z.object({ slug: z.string().regex(/^[a-z0-9-]{1,60}$/) }), req.params, 'dish');
    res.json(await getDishHistory(deps, currentUser(req).id, slug));
  });
  return router;
}
