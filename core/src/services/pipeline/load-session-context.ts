import type { Knex } from 'knex';
import type { AnalysisResult } from '../../domain/analysis';
import type { DishRubric } from '../../domain/rubric';
import type { Bilingual } from '../../models/principle';
import { latestAnalysisRow } from '../../data/analyses';
import { sessionContextRow } from '../../data/cooking-sessions';
import { rubricInForce } from '../dishes/rubric-in-force';

export interface SessionContext {
  session: {
    id: string;
    userId: string;
    dishId: string;
    attemptNumber: number;
    status: string;
    note: string | null;
    transcript: string | null;
    selfRatings: Record<string, number>;
    createdAt: Date;
  };
  learner: { name: string; locale: 'ja' | 'en' };
  dish: { slug: string; name: Bilingual };
  rubric: DishRubric;
}

/** The session with its cook, dish and rubric: what every stage starts from. Null when deleted. */
export async function loadSessionContext(knex: Knex, rubrics: Map<string, DishRubric>, sessionId: string): Promise<SessionContext | null> {
  const row = await sessionContextRow(knex, sessionId);
  if (!row) return null;
  // The rubric saved in the console wins over knowledge/dishes.yaml's.
  const rubric = rubricInForce({ slug: row.dish_slug, name: { ja: row.name_ja, en: row.name_en } }, row.dish_rubric, rubrics.get(row.dish_slug));
  if (!rubric) throw new Error(`No rubric for dish ${row.dish_slug} in knowledge/dishes.yaml`);
  return {
    session: {
      id: row.id,
      userId: row.user_id,
      dishId: row.dish_id,
      attemptNumber: row.attempt_number,
      status: row.status,
      note: row.note,
      transcript: row.transcript,
      selfRatings: row.self_ratings ?? {},
      createdAt: new Date(row.created_at),
    },
    // Spoken to by the name they chose; given names read naturally in Japanese narration.
    learner: { name: (row.display_name as string | null) ?? String(row.user_name).split(/\s+/).pop() ?? row.user_name, locale: row.locale },
    dish: { slug: row.dish_slug, name: { ja: row.name_ja, en: row.name_en } },
    rubric,
  };
}

export async function latestAnalysis(knex: Knex, sessionId: string): Promise<{ id: string; result: AnalysisResult; retrieval: RetrievalRecord | null } | null> {
  const row = await latestAnalysisRow(knex, sessionId);
  return row ? { id: row.id, result: row.result as AnalysisResult, retrieval: row.retrieval as RetrievalRecord | null } : null;
}

export interface RetrievalRecord {
  query: string;
  model: string;
  principles: Array<{ principleId: string; slug: string; score: number; chunkIndex: number }>;
  pastSessions: Array<{ sessionId: string; attemptNumber: number; summary: string; diagnosisCode: string | null; score: number | null }>;
}
