/** The analyses aggregate: what the analyzer found in a session's footage, and what retrieval added. */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { Analysis } from '../models/analysis';

export type AnalysisRow = ModelObject<Analysis>;
type Db = Knex | Knex.Transaction;

/** The session's newest analysis (id, result and retrieval record as stored). */
export async function latestAnalysisRow(db: Db, sessionId: string): Promise<{ id: string; result: unknown; retrieval: unknown } | undefined> {
  return db('analyses').where({ session_id: sessionId }).orderBy('created_at', 'desc').first('id', 'result', 'retrieval');
}

export async function hasAnalysis(db: Db, sessionId: string): Promise<boolean> {
  return Boolean(await db('analyses').where({ session_id: sessionId }).first('id'));
}

export async function insertAnalysis(db: Db, a: { sessionId: string; provider: string; model: string; promptVersion: string | null; result: unknown }): Promise<void> {
  await db('analyses').insert({ session_id: a.sessionId, provider: a.provider, model: a.model, prompt_version: a.promptVersion, result: JSON.stringify(a.result) });
}

export async function setRetrieval(db: Db, analysisId: string, retrieval: unknown): Promise<void> {
  await db('analyses').where({ id: analysisId }).update({ retrieval: JSON.stringify(retrieval) });
}

/** Live sessions that have an analysis, newest first, with the cook's name and the dish names. */
export async function analysedSessions(
  db: Knex | Knex.Transaction,
  limit: number,
): Promise<Array<{ id: string; name: string; name_ja: string; name_en: string; attempt_number: number; created_at: Date }>> {
  return db('cooking_sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .join('dishes as d', 'd.id', 's.dish_id')
    .whereNull('s.deleted_at')
    .whereExists(db('analyses as a').whereRaw('a.session_id = s.id'))
    .orderBy('s.created_at', 'desc')
    .limit(limit)
    .select('s.id', 'u.name', 'd.name_ja', 'd.name_en', 's.attempt_number', 's.created_at');
}
