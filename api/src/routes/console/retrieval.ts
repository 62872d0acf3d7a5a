import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { EmbeddingProvider } from '@ajimi/core/providers/embeddings/embedding-provider';
import { knowledgeRubrics } from '@ajimi/core/services/dishes/knowledge-rubrics';
import { retrievalSessionChoices, testRetrieval } from '@ajimi/core/services/knowledge/test-retrieval';
import { requireRole } from '../../http/authenticate';
import { parse } from '../../http/parse';

export const body = z.union([
  z.object({ question: z.string().trim().min(1).max(2000), dish: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80).optional() }).strict(),
  z.object({ sessionId: z.uuid() }).strict(),
]);

/**
 * The retrieval tester (content staff and admins): the pipeline's own search, with the embedding
 * provider the workers use (same configuration, so the same model id and vectors).
 */
export function retrievalRoutes(deps: { knex: Knex; embeddings: EmbeddingProvider }): Router {
  const embeddings = deps.embeddings;

  const router = Router();
  router.use(requireRole('content', 'admin'));
  router.get('/sessions', async (_req, res) => {
    res.json(await retrievalSessionChoices(deps.knex));
  });
  router.post('/', async (req, res) => {
    const input = parse(body, req.body, 'retrieval test');
    res.json(await testRetrieval({ knex: deps.knex, embeddings, rubrics: await knowledgeRubrics() }, input));
  });
  return router;
}
