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
