import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { LOCALES } from '@ajimi/core/domain/roles';
import { getLearnerProfile, saveLearnerProfile } from '@ajimi/core/services/users/learner-profile';
import { actorOf, currentUser, requireRole } from '../http/authenticate';
import { parse } from '../http/parse';

export const profileBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    locale: z.enum(LOCALES),
    dishSlugs: z.array(z.string().regex(/^[a-z0-9-]{1,60}$/)).max(20),
  })
  .strict();

/** The cook's own profile: first run (name, language, dishes they are working on) and later edits. */
export function profileRoutes(deps: { knex: Knex }): Router {
  const router = Router();
  router.use(requireRole('learner'));
  router.get('/', async (req, res) => {
    res.json({ profile: await getLearnerProfile(deps.knex, currentUser(req).id) });
  });
  router.put('/', async (req, res) => {
    const input = parse(profileBody, req.body, 'profile');
    res.json({ profile: await saveLearnerProfile(deps.knex, actorOf(req), input) });
  });
  return router;
}
