import { Router } from 'express';
import type { Knex } from 'knex';
import { listOpenQuestions } from '@ajimi/core/services/dialogue/list-open-questions';
import { requireRole } from '../../http/authenticate';

/** Questions handed to a coach and not answered yet, with their age (chef-coaches and admins). Answer them in the cook's chat. */
export function openQuestionRoutes(deps: { knex: Knex }): Router {
  const router = Router();
  router.use(requireRole('coach', 'admin'));
  router.get('/', async (_req, res) => {
    res.json({ questions: await listOpenQuestions(deps.knex) });
  });
  return router;
}
