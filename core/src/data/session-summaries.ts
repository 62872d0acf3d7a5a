/** The session_summaries aggregate: a short embedded summary per coached session, for "last time" retrieval. */
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;

/** Upserts the session's summary and its embedding (pgvector text form). */
export async function saveSessionSummary(
  db: Db,
  s: { sessionId: string; userId: string; dishId: string; summary: string; embedding: string; embeddingModel: string },
): Promise<void> {
  await db('session_summaries')
    .insert({ session_id: s.sessionId, user_id: s.userId, dish_id: s.dishId, summary: s.summary, embedding: s.embedding, embedding_model: s.embeddingModel })
    .onConflict('session_id')
    .merge(['summary', 'embedding', 'embedding_model']);
}

export interface PastSummaryRow {
  session_id: string;
  attempt_number: number;
  summary: string;
  diagnosis_code: string | null;
  /** Cosine similarity to the vector; null when the summary was embedded by another model. */
  score: number | null;
}

/** The cook's other live sessions of the dish, newest attempt first, with their summary and diagnosis code. */
export async function pastSummariesOfDish(
  db: Db,
  input: { userId: string; dishId: string; exceptSessionId: string; vector: string; model: string; limit: number },
): Promise<PastSummaryRow[]> {
  const rows: PastSummaryRow[] = await db('session_summaries as ss')
    .join('cooking_sessions as s', 's.id', 'ss.session_id')
    .where({ 'ss.user_id': input.userId, 'ss.dish_id': input.dishId })
    .whereNot('ss.session_id', input.exceptSessionId)
    .whereNull('s.deleted_at')
    .select(
      'ss.session_id',
      's.attempt_number',
      'ss.summary',
      db.raw(`(select a.result->'diagnosis'->>'code' from analyses a where a.session_id = s.id order by a.created_at desc limit 1) as diagnosis_code`),
      db.raw('case when ss.embedding_model = ? then 1 - (ss.embedding <=> ?::vector) end as score', [input.model, input.vector]),
    )
    .orderBy('s.attempt_number', 'desc')
    .limit(input.limit);
  return rows.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) }));
}
