import { toPgVector } from '../../providers/embeddings/embedding-provider';
import { coachingContentSchema } from '../coaching/coaching-content';
import { composeSessionSummary } from '../coaching/compose-session-summary';
import { latestAnalysis, loadSessionContext } from './load-session-context';
import type { PipelineDeps, StageContext } from './pipeline-deps';
import { coachingTextOf } from '../../data/coaching-texts';
import { saveSessionSummary } from '../../data/session-summaries';
import { coachedDiagnoses, markSummarized } from '../../data/cooking-sessions';
import { saveDishState } from '../../data/learner-dish-states';

/**
 * summarize: after the coaching goes out (and again after the video is delivered), the session's
 * summary is stored with its embedding and the cook's state for the dish is brought up to date.
 * Upserts only: running it twice changes nothing.
 */
export async function summarizeSession(deps: PipelineDeps, sessionId: string, ctx: StageContext): Promise<void> {
  const { knex } = deps;
  const sc = await loadSessionContext(knex, deps.rubrics, sessionId);
  const analysis = await latestAnalysis(knex, sessionId);
  if (!sc || !analysis) return;
  const coaching = await coachingTextOf(knex, sessionId);
  const parsed = coaching ? coachingContentSchema.safeParse(coaching.content) : null;
  const summary = composeSessionSummary({
    attemptNumber: sc.session.attemptNumber,
    dish: sc.dish.name,
    analysis: analysis.result,
    coaching: parsed?.success ? parsed.data : null,
  });
  const [vector] = await deps.embeddings.embed([summary], 'document', ctx.signal);
  await saveSessionSummary(knex, { sessionId, userId: sc.session.userId, dishId: sc.session.dishId, summary, embedding: toPgVector(vector as number[]), embeddingModel: deps.embeddings.model });

  // The cook's state for this dish: every coached session's diagnosis, and what keeps coming back.
  const history = await coachedDiagnoses(knex, sc.session.userId, sc.session.dishId);
  const counts = new Map<string, number>();
  for (const h of history) if (h.code) counts.set(h.code, (counts.get(h.code) ?? 0) + 1);
  const state = {
    history: history.map((h) => ({ sessionId: h.id, attempt: h.attempt_number, diagnosis: h.code })),
    lastDiagnosis: history.at(-1)?.code ?? null,
    recurring: [...counts.entries()].filter(([, n]) => n >= 2).map(([code, n]) => ({ code, sessions: n })),
  };
  await saveDishState(knex, { userId: sc.session.userId, dishId: sc.session.dishId, sessionsCompleted: history.length, state });
  await markSummarized(knex, sessionId);
  ctx.logger.info({ sessionId, sessions: history.length }, 'summarized');
}
