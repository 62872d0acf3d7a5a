import type { Knex } from 'knex';
import { failedStageJobOutput } from '../../data/queue-jobs';
import { SESSION_STATUSES, STAGE_OF_STATUS, type SessionStatus } from '../../domain/session-status';

export interface StuckSession {
  id: string;
  cook: { id: string; name: string };
  dish: { slug: string; name: { ja: string; en: string } };
  attemptNumber: number;
  status: SessionStatus;
  /** The queue working on it now. */
  stage: string | null;
  /** Seconds since the session last changed status (time spent in the current stage). */
  secondsInStage: number;
  /** Seconds since the video was uploaded (or the session created). */
  secondsSinceUpload: number;
  retryCount: number;
}

export interface FailedSession {
  id: string;
  cook: { id: string; name: string };
  dish: { slug: string; name: { ja: string; en: string } };
  attemptNumber: number;
  failedStage: string | null;
  failureReason: string | null;
  failedAt: string | null;
  retryCount: number;
  /** The stage job's own last error from the queue, when it is still kept there. */
  jobError: string | null;
}

export interface SlowRun {
  id: string;
  cook: { id: string; name: string };
  dish: { slug: string; name: { ja: string; en: string } };
  attemptNumber: number;
  /** Upload to coaching text in the cook's chat, seconds. */
  secondsToCoachText: number;
  coachTextSentAt: string;
}

export interface PipelineOverview {
  /** Sessions per status (every status, zero included), deleted sessions left out. */
  stages: Array<{ status: SessionStatus; stage: string | null; count: number }>;
  /** In-flight sessions that have been in their current stage longest. */
  stuck: StuckSession[];
  /** The slowest completed runs of the last 7 days, upload → coaching text. */
  slowest: SlowRun[];
  failed: FailedSession[];
  generatedAt: string;
}

const IN_FLIGHT = Object.keys(STAGE_OF_STATUS) as SessionStatus[];

function sessionBase(knex: Knex) {
  return knex('cooking_sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .join('dishes as d', 'd.id', 's.dish_id')
    .whereNull('s.deleted_at');
}

const who = (r: Record<string, unknown>) => ({
  cook: { id: r.user_id as string, name: r.user_name as string },
  dish: { slug: r.dish_slug as string, name: { ja: r.name_ja as string, en: r.name_en as string } },
  attemptNumber: r.attempt_number as number,
});

/** Turns a pg-boss job output (a serialized Error, or whatever the handler threw) into one readable line. */
export function jobErrorText(output: unknown): string | null {
  if (output === null || output === undefined) return null;
  if (typeof output === 'string') return output;
  const o = output as { message?: unknown; name?: unknown };
  if (typeof o.message === 'string') return typeof o.name === 'string' && o.name !== 'Error' ? `${o.name}: ${o.message}` : o.message;
  return JSON.stringify(output).slice(0, 2000);
}

export async function pipelineOverview(knex: Knex, options: { limit?: number } = {}): Promise<PipelineOverview> {
  const limit = options.limit ?? 20;
  const counts = await knex('cooking_sessions').whereNull('deleted_at').groupBy('status').select('status', knex.raw('count(*)::int as n'));
  const countOf = new Map(counts.map((c: { status: string; n: number }) => [c.status, c.n]));
  const cols = ['s.id', 's.user_id', 'u.name as user_name', 'd.slug as dish_slug', 'd.name_ja', 'd.name_en', 's.attempt_number', 's.status', 's.retry_count'];

  const stuckRows = await sessionBase(knex)
    .whereIn('s.status', IN_FLIGHT)
    .orderBy('s.updated_at', 'asc')
    .limit(limit)
    .select(
      ...cols,
      knex.raw('extract(epoch from now() - s.updated_at)::float as in_stage'),
      knex.raw('extract(epoch from now() - coalesce(s.uploaded_at, s.created_at))::float as since_upload'),
    );

  const slowRows = await sessionBase(knex)
    .whereNotNull('s.coach_text_sent_at')
    .whereNotNull('s.uploaded_at')
    .where('s.coach_text_sent_at', '>', knex.raw("now() - interval '7 days'"))
    .orderByRaw('s.coach_text_sent_at - s.uploaded_at desc')
    .limit(limit)
    .select(...cols, 's.coach_text_sent_at', knex.raw('extract(epoch from s.coach_text_sent_at - s.uploaded_at)::float as took'));

  const failedRows = await sessionBase(knex)
    .where('s.status', 'failed')
    .orderBy('s.failed_at', 'desc')
    .limit(limit)
    .select(
      ...cols,
      's.failed_stage',
      's.failure_reason',
      's.failed_at',
      // The stage's failed job (pg-boss keeps it for its retention period) holds the real error.
      failedStageJobOutput(knex, 'job_output'),
    );

  return {
    stages: SESSION_STATUSES.map((status) => ({ status, stage: STAGE_OF_STATUS[status] ?? null, count: countOf.get(status) ?? 0 })),
    stuck: stuckRows.map((r) => ({
      id: r.id,
      ...who(r),
      status: r.status,
      stage: STAGE_OF_STATUS[r.status as SessionStatus] ?? null,
      secondsInStage: Math.round(r.in_stage),
      secondsSinceUpload: Math.round(r.since_upload),
      retryCount: r.retry_count,
    })),
    slowest: slowRows.map((r) => ({ id: r.id, ...who(r), secondsToCoachText: Math.round(r.took * 10) / 10, coachTextSentAt: new Date(r.coach_text_sent_at).toISOString() })),
    failed: failedRows.map((r) => ({
      id: r.id,
      ...who(r),
      failedStage: r.failed_stage,
      failureReason: r.failure_reason,
      failedAt: r.failed_at ? new Date(r.failed_at).toISOString() : null,
      retryCount: r.retry_count,
      jobError: jobErrorText(r.job_output),
    })),
    generatedAt: new Date().toISOString(),
  };
}
