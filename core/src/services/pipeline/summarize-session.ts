import { toPgVector } from '../../providers/embeddings/embedding-provider';
import { coachingContentSchema } from '../coaching/coaching-content';
import { composeSessionSummary } from '../coaching/compose-session-summary';
import { latestAnalysis, loadSessionContext } from './load-session-context';
import type { PipelineDeps, StageContext } from './pipeline-deps';

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
  const coaching = await knex('coaching_texts').where({ session_id: sessionId }).first('content');
  const parsed = coaching ? coachingContentSchema.safeParse(coaching.content) : null;
  const summary = composeSessionSummary({
    attemptNumber: sc.session.attemptNumber,
    dish: sc.dish.name,
    analysis: analysis.result,
    coaching: parsed?.success ? parsed.data : null,
  });
  const [vector] = await deps.embeddings.embed([summary], 'document', ctx.signal);
  await knex('session_summaries')
    .insert({ session_id: sessionId, user_id: sc.session.userId, dish_id: sc.session.dishId, summary, embedding: toPgVector(vector as number[]), embedding_model: deps.embeddings.model })
    .onConflict('session_id')
    .merge(['summary', 'embedding', 'embedding_model']);

  // The cook's state for this dish: every coached session's diagnosis, and what keeps coming back.
  const history = await knex('cooking_sessions as s')
    .where({ 's.user_id': sc.session.userId, 's.dish_id': sc.session.dishId })
    .whereNotNull('s.coach_text_sent_at')
    .whereNull('s.deleted_at')
    .orderBy('s.attempt_number')
    .select('s.id', 's.attempt_number', knex.raw(`(select a.result->'diagnosis'->>'code' from analyses a where a.session_id = s.id order by a.created_at desc limit 1) as code`));
  const counts = new Map<string, number>();
  for (const h of history) if (h.code) counts.set(h.code, (counts.get(h.code) ?? 0) + 1);
  const state = {
    history: history.map((h) => ({ sessionId: h.id, attempt: h.attempt_number, diagnosis: h.code })),
    lastDiagnosis: history.at(-1)?.code ?? null,
    recurring: [...counts.entries()].filter(([, n]) => n >= 2).map(([code, n]) => ({ code, sessions: n })),
  };
  await knex('learner_dish_states')
    .insert({ user_id: sc.session.userId, dish_id: sc.session.dishId, sessions_completed: history.length, state: JSON.stringify(state) })
    .onConflict(['user_id', 'dish_id'])
    .merge({ sessions_completed: history.length, state: JSON.stringify(state), updated_at: knex.fn.now() });
  await knex('cooking_sessions').where({ id: sessionId }).update({ summarized_at: knex.fn.now() });
  ctx.logger.info({ sessionId, sessions: history.length }, 'summarized');
}
