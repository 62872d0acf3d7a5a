import type { Knex } from 'knex';
import { STAGE_OF_STATUS, STATUS_OF_STAGE, type SessionStatus } from '../../domain/session-status';
import type { RetryOutcome } from '../../contracts/operations';
import { lockLiveSession, resumeFailedSession } from '../../data/cooking-sessions';
import { AppError, NotFoundError, ValidationError } from '../../errors';
import { isPermanentMediaErrorCode } from '../../media/media-error';
import type { JobQueue } from '../../queue/job-queue';
import type { StageName } from '../../pipeline/definition';
import { recordAudit, type Actor } from '../../data/audit-log';

/** Stages that move the session's status themselves (beginStage/finishStage); render does not. */
const STATUS_OWNING_STAGES = new Set(['ingest', 'transcribe', 'analyze', 'retrieve', 'coach-text', 'narrate']);

/** Stages whose job is `{ sessionId }`, so the console can send them again. */
export const RETRYABLE_STAGES = ['ingest', 'prepare-media', 'transcribe', 'analyze', 'retrieve', 'coach-text', 'narrate', 'render', 'summarize'] as const;

export type { RetryOutcome };

/** The cook's file itself was rejected (e.g. not a video): the same file fails the same way again. */
export class PermanentFailureError extends AppError {
  constructor(code: string) {
    super(409, 'failure_permanent', "This session failed because of the cook's file itself; retrying cannot help. The cook can choose another file.", { failureCode: code });
  }
}

/**
 * Where a session was before a stage that does not own its status (render, prepare-media,
 * summarize) failed it: the furthest stage it had finished says what comes next.
 */
export function statusFromTimestamps(row: Record<string, unknown>): SessionStatus {
  if (row.delivered_at) return 'delivered';
  if (row.narrated_at || row.review_started_at || row.rendered_at) return 'in_review';
  if (row.coach_text_sent_at) return 'narrating';
  if (row.retrieved_at) return 'coaching';
  if (row.analyzed_at) return 'retrieving';
  if (row.transcribed_at || row.ingested_at) return 'analyzing';
  if (row.uploaded_at) return 'uploaded';
  return 'created';
}

/**
 * Retries the stage a session failed at: the session goes back to that stage's status and the
 * stage's job is sent again (keyed by the session, so it cannot run twice at once). Idempotent: a
 * second click finds the session no longer failed and sends nothing.
 */
export async function retryFailedStage(deps: { knex: Knex; queue: JobQueue }, actor: Actor, sessionId: string): Promise<RetryOutcome> {
  const planned = await deps.knex.transaction(async (trx) => {
    const row = await lockLiveSession(trx, sessionId);
    if (!row) throw new NotFoundError('Session');
    if (row.status !== 'failed') return { retried: false as const, status: row.status as string, stage: null };
    if (isPermanentMediaErrorCode(row.failure_code as string | null)) throw new PermanentFailureError(row.failure_code as string);
    const failed = row.failed_stage as string | null;
    const stage = RETRYABLE_STAGES.find((s) => s === failed);
    if (!stage) {
      const stage = failed;
      throw new ValidationError(
        stage ? `The ${stage} stage cannot be retried from here.` : 'This session failed without a recorded stage, so there is nothing to retry.',
      );
    }
    const status = (STATUS_OWNING_STAGES.has(stage) ? STATUS_OF_STAGE[stage] : undefined) ?? statusFromTimestamps(row);
    await resumeFailedSession(trx, sessionId, status);
    await recordAudit(trx, actor, {
      action: 'session.retry_stage',
      entityType: 'cooking_session',
      entityId: sessionId,
      before: { status: 'failed', failed_stage: stage, failure_reason: row.failure_reason, retry_count: row.retry_count },
      after: { status, stage, retry_count: (row.retry_count as number) + 1 },
    });
    return { retried: true as const, status, stage };
  });
  if (!planned.retried) return { sessionId, retried: false, status: planned.status, stage: null, sent: [] };

  // Sent after the commit (never wait on another connection inside a transaction). Should a send be
  // lost, the session is in flight with no job, and the worker's stalled-stage sweep re-sends it.
  const queues: Array<(typeof RETRYABLE_STAGES)[number] | StageName> = [planned.stage];
  const main = STAGE_OF_STATUS[planned.status as SessionStatus];
  if (main && main !== planned.stage) queues.push(main); // a side stage failed: the main flow resumes too
  const sent: string[] = [];
  for (const queue of queues) if (await deps.queue.send(queue, { sessionId }, { singletonKey: sessionId })) sent.push(queue);
  return { sessionId, retried: true, status: planned.status, stage: planned.stage, sent };
}
