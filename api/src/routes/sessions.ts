import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { createCookingSession, getLearnerSession, listLearnerSessions } from '@ajimi/core/services/sessions/cooking-sessions';
import { currentUser, requireRole } from '../http/authenticate';
import { parse } from '../http/parse';

export const SELF_RATING_KEYS = ['taste', 'doneness', 'texture', 'confidence'] as const;

const createBody = z
  .object({
    dishSlug: z.string().regex(/^[a-z0-9-]{1,60}$/),
    note: z.string().trim().max(2000).optional(),
    selfRatings: z.partialRecord(z.enum(SELF_RATING_KEYS), z.number().int().min(1).max(5)).optional(),
  })
  .strict();

/** A cook's cooking sessions: start one ("Session N of fried rice"), list them, read one. */
export function sessionRoutes(deps: { knex: Knex }): Router {
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
    const { dish } = parse(z.object({ dish: z.string().max(60).optional() }).strict(), req.query, 'query');
    res.json({ sessions: await listLearnerSessions(deps.knex, currentUser(req).id, dish) });
  });
  router.get('/:id', async (req, res) => {
    const { id } = parse(z.object({ id: z.uuid() }), req.params, 'session id');
    res.json({ session: await getLearnerSession(deps.knex, currentUser(req).id, id) });
  });
  return router;
}

/** The dishes a cook can pick, with the session number their next one would get. */
export function dishRoutes(deps: { knex: Knex }): Router {
  const router = Router();
  router.use(requireRole('learner'));
  router.get('/', async (req, res) => {
    const rows = await deps.knex('dishes as d')
      .leftJoin('cooking_sessions as s', (j) => j.on('s.dish_id', 'd.id').andOnVal('s.user_id', currentUser(req).id))
      .groupBy('d.id')
      .orderBy('d.name_en')
      .select('d.slug', 'd.name_ja', 'd.name_en', deps.knex.raw('coalesce(max(s.attempt_number), 0)::int + 1 as next_attempt'));
    res.json({ dishes: rows.map((r) => ({ slug: r.slug, name: { ja: r.name_ja, en: r.name_en }, nextAttempt: r.next_attempt })) });
  });
  return router;
}
