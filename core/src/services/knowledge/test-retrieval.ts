import type { Knex } from 'knex';
import type { RetrievalSessionChoice, RetrievalTestResult } from '../../contracts/principles';
import { analysedSessions } from '../../data/analyses';
import { findDishIdBySlug } from '../../data/dishes';
import type { DishRubric } from '../../domain/rubric';
import { NotFoundError, ValidationError } from '../../errors';
import type { EmbeddingProvider } from '../../providers/embeddings/embedding-provider';
import { latestAnalysis, loadSessionContext } from '../pipeline/load-session-context';
import { retrievalQuery } from '../pipeline/retrieve-for-session';
import { distinctPrinciples, searchPrincipleChunks } from '../retrieval/search-principles';

/** The retrieve stage's own numbers: it searches 12 chunks and keeps the best chunk of the top 5 principles. */
export const PIPELINE_CHUNK_LIMIT = 12;
export const PIPELINE_PRINCIPLE_LIMIT = 5;

export type { RetrievalTestResult };

/**
 * The retrieval tester: the very search the retrieve stage runs (searchPrincipleChunks, same limits and
 * dish filter), for a typed question or for a real session's diagnosis.
 */
export async function testRetrieval(
  deps: { knex: Knex; embeddings: EmbeddingProvider; rubrics: Map<string, DishRubric> },
  input: { question: string; dish?: string | undefined } | { sessionId: string },
): Promise<RetrievalTestResult> {
  const { knex, embeddings } = deps;
  if ('sessionId' in input) {
    const sc = await loadSessionContext(knex, deps.rubrics, input.sessionId);
    if (!sc) throw new NotFoundError('Session');
    const analysis = await latestAnalysis(knex, input.sessionId);
    if (!analysis) throw new ValidationError('This session has not been analysed yet, so there is no diagnosis to retrieve for.');
    const query = retrievalQuery(sc.dish.name, analysis.result.diagnosis);
    const chunks = await searchPrincipleChunks(knex, embeddings, { query, dishSlug: sc.dish.slug, limit: PIPELINE_CHUNK_LIMIT });
    return {
      query,
      model: embeddings.model,
      dish: sc.dish.slug,
      chunks,
      principles: distinctPrinciples(chunks).slice(0, PIPELINE_PRINCIPLE_LIMIT),
      session: {
        id: sc.session.id,
        attemptNumber: sc.session.attemptNumber,
        dish: sc.dish.slug,
        diagnosis: analysis.result.diagnosis?.problem ?? null,
        stored: analysis.retrieval,
      },
    };
  }
  if (input.dish && !(await findDishIdBySlug(knex, input.dish))) throw new ValidationError(`Unknown dish "${input.dish}".`);
  const chunks = await searchPrincipleChunks(knex, embeddings, { query: input.question, dishSlug: input.dish, limit: PIPELINE_CHUNK_LIMIT });
  return {
    query: input.question,
    model: embeddings.model,
    dish: input.dish ?? null,
    chunks,
    principles: distinctPrinciples(chunks).slice(0, PIPELINE_PRINCIPLE_LIMIT),
    session: null,
  };
}

/** Sessions the tester can pick: analysed ones, newest first. */
export async function retrievalSessionChoices(knex: Knex, limit = 50): Promise<RetrievalSessionChoice[]> {
  const rows = await analysedSessions(knex, limit);
  return rows.map((r) => ({ id: r.id, cook: r.name, dish: { ja: r.name_ja, en: r.name_en }, attemptNumber: r.attempt_number, createdAt: new Date(r.created_at).toISOString() }));
}
