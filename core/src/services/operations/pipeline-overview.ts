import type { Knex } from 'knex';
import type { FailedSession, FailureKind, PipelineOverview, SessionRef } from '../../contracts/operations';
import { failedSessions, longestInStage, sessionCountsByStatus, slowestToCoachText, unreplacedFailedRenders, type SessionRefRow } from '../../data/pipeline-overview';
import { SESSION_STATUSES, STAGE_OF_STATUS, type SessionStatus } from '../../domain/session-status';
import { isPermanentMediaErrorCode } from '../../media/media-error';
import { RETRYABLE_STAGES } from './retry-stage';

export type { FailedSession, PipelineOverview, SlowRun, StuckSession } from '../../contracts/operations';

const IN_FLIGHT = Object.keys(STAGE_OF_STATUS) as SessionStatus[];
/** How far back failed renders are shown. */
const FAILED_RENDER_DAYS = 14;

const ref = (r: SessionRefRow): SessionRef => ({
  id: r.id,
  cook: { id: r.user_id, name: r.user_name },
  dish: { slug: r.dish_slug, name: { ja: r.name_ja, en: r.name_en } },
  attemptNumber: r.attempt_number,
});

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** A failure of the cook's file itself (not a video, corrupt, too long, ...) cannot be fixed by a retry. */
export function failureKindOf(code: string | null | undefined): FailureKind {
  return isPermanentMediaErrorCode(code) ? 'permanent' : 'transient';
}

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
  const [countOf, stuck, slow, failed, renders] = await Promise.all([
    sessionCountsByStatus(knex),
    longestInStage(knex, IN_FLIGHT, limit),
    slowestToCoachText(knex, limit),
    failedSessions(knex, limit),
    unreplacedFailedRenders(knex, FAILED_RENDER_DAYS, limit),
  ]);

  return {
    stages: SESSION_STATUSES.map((status) => ({ status, stage: STAGE_OF_STATUS[status] ?? null, count: countOf.get(status) ?? 0 })),
    stuck: stuck.map((r) => ({
      ...ref(r),
      status: r.status,
      stage: STAGE_OF_STATUS[r.status as SessionStatus] ?? null,
      secondsInStage: Math.round(r.in_stage),
      secondsSinceUpload: Math.round(r.since_upload),
      retryCount: r.retry_count,
    })),
    slowest: slow.map((r) => ({ ...ref(r), secondsToCoachText: Math.round(r.took * 10) / 10, coachTextSentAt: new Date(r.coach_text_sent_at).toISOString() })),
    failed: failed.map((r): FailedSession => {
      const failureKind = failureKindOf(r.failure_code);
      return {
        ...ref(r),
        failedStage: r.failed_stage,
        failureReason: r.failure_reason,
        failureCode: r.failure_code,
        failureKind,
        retryable: failureKind === 'transient' && RETRYABLE_STAGES.some((s) => s === r.failed_stage),
        failedAt: iso(r.failed_at),
        retryCount: r.retry_count,
        jobError: jobErrorText(r.job_output),
      };
    }),
    failedRenders: renders.map((r) => ({ ...ref(r), renderId: r.render_id, version: r.version, reviewId: r.review_id, error: r.error, failedAt: iso(r.finished_at) })),
    generatedAt: new Date().toISOString(),
  };
}
