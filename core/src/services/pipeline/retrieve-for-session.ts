import { beginStage, finishStage } from '../../data/cooking-sessions';
import { distinctPrinciples, pastSessionSummaries, searchPrincipleChunks } from '../retrieval/search-principles';
import { latestAnalysis, loadSessionContext, type RetrievalRecord } from './load-session-context';
import type { PipelineDeps, StageContext } from './pipeline-deps';
import { setRetrieval } from '../../data/analyses';

/** The question retrieval asks for a session: the dish, the diagnosis and its evidence, Japanese first. */
export function retrievalQuery(dish: { ja: string; en: string }, diagnosis: { problem: { ja: string; en: string }; why: { ja: string; en: string } } | null): string {
  // Not coachable: no diagnosis to search by; the dish's own principles still come back.
  if (!diagnosis) return `${dish.ja}\n${dish.en}`;
  return `${dish.ja} ${diagnosis.problem.ja} ${diagnosis.why.ja}\n${dish.en} ${diagnosis.problem.en} ${diagnosis.why.en}`;
}

/**
 * retrieve: the principles for this dish nearest the diagnosis (pgvector), plus this cook's
 * earlier sessions of the dish, so Session 3 builds on Session 2. Stored with the analysis.
 */
export async function retrieveForSession(deps: PipelineDeps, sessionId: string, ctx: StageContext): Promise<void> {
  const { knex } = deps;
  const sc = await loadSessionContext(knex, deps.rubrics, sessionId);
  if (!sc || !(await beginStage(knex, sessionId, 'retrieve', ['analyzing']))) return;
  const analysis = await latestAnalysis(knex, sessionId);
  if (!analysis) throw new Error(`session ${sessionId} has no analysis to retrieve for`);

  if (!analysis.retrieval || analysis.retrieval.model !== deps.embeddings.model) {
    const query = retrievalQuery(sc.dish.name, analysis.result.diagnosis);
    const hits = await searchPrincipleChunks(knex, deps.embeddings, { query, dishSlug: sc.dish.slug, limit: 12, signal: ctx.signal });
    const past = await pastSessionSummaries(knex, deps.embeddings, { userId: sc.session.userId, dishId: sc.session.dishId, beforeSessionId: sessionId, query });
    const record: RetrievalRecord = {
      query,
      model: deps.embeddings.model,
      principles: distinctPrinciples(hits).slice(0, 5).map((h) => ({ principleId: h.principleId, slug: h.slug, score: h.score, chunkIndex: h.chunkIndex })),
      pastSessions: past,
    };
    await setRetrieval(knex, analysis.id, record);
    ctx.logger.info({ sessionId, principles: record.principles.map((p) => p.slug), past: past.length }, 'retrieved');
  }
  await finishStage(knex, sessionId, 'retrieve', 'coaching');
  await ctx.send('coach-text', { sessionId }, { singletonKey: sessionId });
}
