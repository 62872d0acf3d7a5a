/** The reads behind the Operations page: sessions per status, the stuck, slow and failed ones, failed renders. */
import type { Knex } from 'knex';
import { failedStageJobOutput } from './queue-jobs';

/** A session row joined with its cook and dish (what every Operations row names). */
export interface SessionRefRow {
  id: string;
  user_id: string;
  user_name: string;
  dish_slug: string;
  name_ja: string;
  name_en: string;
  attempt_number: number;
  status: string;
  retry_count: number;
}

const REF_COLUMNS = ['s.id', 's.user_id', 'u.name as user_name', 'd.slug as dish_slug', 'd.name_ja', 'd.name_en', 's.attempt_number', 's.status', 's.retry_count'];

function liveSessions(knex: Knex) {
  return knex('cooking_sessions as s').join('users as u', 'u.id', 's.user_id').join('dishes as d', 'd.id', 's.dish_id').whereNull('s.deleted_at');
}

/** Live sessions per status. */
export async function sessionCountsByStatus(knex: Knex): Promise<Map<string, number>> {
  const rows: Array<{ status: string; n: number }> = await knex('cooking_sessions').whereNull('deleted_at').groupBy('status').select('status', knex.raw('count(*)::int as n'));
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** Sessions in the given statuses that changed status longest ago, with seconds in stage and since upload. */
export async function longestInStage(knex: Knex, statuses: string[], limit: number): Promise<Array<SessionRefRow & { in_stage: number; since_upload: number }>> {
  return liveSessions(knex)
    .whereIn('s.status', statuses)
    .orderBy('s.updated_at', 'asc')
    .limit(limit)
    .select(
      ...REF_COLUMNS,
      knex.raw('extract(epoch from now() - s.updated_at)::float as in_stage'),
      knex.raw('extract(epoch from now() - coalesce(s.uploaded_at, s.created_at))::float as since_upload'),
    );
}

/** The slowest runs (upload → coaching text) of the last 7 days. */
export async function slowestToCoachText(knex: Knex, limit: number): Promise<Array<SessionRefRow & { coach_text_sent_at: Date; took: number }>> {
  return liveSessions(knex)
    .whereNotNull('s.coach_text_sent_at')
    .whereNotNull('s.uploaded_at')
    .where('s.coach_text_sent_at', '>', knex.raw("now() - interval '7 days'"))
    .orderByRaw('s.coach_text_sent_at - s.uploaded_at desc')
    .limit(limit)
    .select(...REF_COLUMNS, 's.coach_text_sent_at', knex.raw('extract(epoch from s.coach_text_sent_at - s.uploaded_at)::float as took'));
}

/** Failed sessions, newest first, with the output of the stage's failed job while pg-boss keeps it. */
export async function failedSessions(
  knex: Knex,
  limit: number,
): Promise<Array<SessionRefRow & { failed_stage: string | null; failure_reason: string | null; failure_code: string | null; failed_at: Date | null; job_output: unknown }>> {
  return liveSessions(knex)
    .where('s.status', 'failed')
    .orderBy('s.failed_at', 'desc')
    .limit(limit)
    .select(...REF_COLUMNS, 's.failed_stage', 's.failure_reason', 's.failure_code', 's.failed_at', failedStageJobOutput(knex, 'job_output'));
}

/** Failed renders of the last `days` days that no newer queued, rendering or finished render replaced. */
export async function unreplacedFailedRenders(
  knex: Knex,
  days: number,
  limit: number,
): Promise<Array<SessionRefRow & { render_id: string; version: number; error: string | null; finished_at: Date | null; review_id: string | null }>> {
  return liveSessions(knex)
    .join('renders as r', 'r.session_id', 's.id')
    .leftJoin('review_items as ri', 'ri.session_id', 's.id')
    .where('r.status', 'failed')
    .where(knex.raw('coalesce(r.finished_at, r.updated_at)'), '>', knex.raw('now() - make_interval(days => ?)', [days]))
    .whereNotExists(
      knex('renders as newer').select(knex.raw('1')).whereRaw('newer.session_id = r.session_id').whereRaw('newer.version > r.version').whereIn('newer.status', ['queued', 'rendering', 'done']),
    )
    .orderByRaw('coalesce(r.finished_at, r.updated_at) desc')
    .limit(limit)
    .select(...REF_COLUMNS, 'r.id as render_id', 'r.version', 'r.error', 'r.finished_at', 'ri.id as review_id');
}
