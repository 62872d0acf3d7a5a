import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { DishRubric } from '@ajimi/core/domain/rubric';
import type { EmbeddingProvider } from '@ajimi/core/providers/embeddings/embedding-provider';
import { loadKnowledge } from '@ajimi/core/services/knowledge/load-knowledge';
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
  let rubrics: Promise<Map<string, DishRubric>> | undefined;
  const loadRubrics = () => (rubrics ??= loadKnowledge().then((k) => new Map(k.dishes.map((d) => [d.slug, d]))));

  const router = Router();
  router.use(requireRole('content', 'admin'));
  router.get('/sessions', async (_req, res) => {
    res.json(await retrievalSessionChoices(deps.knex));
  });
  router.post('/', async (req, res) => {
    const input = parse(body, req.body, 'retrieval test');
    res.json(await testRetrieval({ knex: deps.knex, embeddings, rubrics: await loadRubrics() }, input));
  });
  return router;
}
