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
