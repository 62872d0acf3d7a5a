/** A pg-boss queue as its monitor reports it (GET /api/console/operations/queues). */
export interface QueueView {
  name: string;
  policy: string;
  deadLetter: string | null;
  queued: number;
  active: number;
  deferred: number;
  failed: number;
  total: number;
  /** Seconds the oldest ready job has waited, as of pg-boss's last monitor pass. */
  oldestReadySeconds: number | null;
  monitoredAt: string | null;
}

/** Who and what a pipeline row is about: the cook, the dish and "session N". */
export interface SessionRef {
  id: string;
  cook: { id: string; name: string };
  dish: { slug: string; name: { ja: string; en: string } };
  attemptNumber: number;
}

/**
 * How a failure should be handled: `permanent` when the cook's file itself was rejected (e.g. not
 * a video; a retry cannot help, the cook was told and can choose another file), `transient` for
 * our side (a tool, a service, a timeout; worth a retry).
 */
export type FailureKind = 'permanent' | 'transient';

export interface StuckSession extends SessionRef {
  status: string;
  /** The queue working on it now. */
  stage: string | null;
  /** Seconds since the session last changed status (time spent in the current stage). */
  secondsInStage: number;
  /** Seconds since the video was uploaded (or the session created). */
  secondsSinceUpload: number;
  retryCount: number;
}

export interface FailedSession extends SessionRef {
  failedStage: string | null;
  failureReason: string | null;
  /** Stable code of the failure when known (a media error code such as not_media). */
  failureCode: string | null;
  failureKind: FailureKind;
  /** Whether Retry can help: false for a permanent failure and for stages the console cannot resend. */
  retryable: boolean;
  failedAt: string | null;
  retryCount: number;
  /** The stage job's own last error from the queue, when it is still kept there. */
  jobError: string | null;
}

/** A coaching-video render that failed and has not been replaced by a newer one. */
export interface FailedRender extends SessionRef {
  renderId: string;
  version: number;
  /** The review item of the session, for a link to its workspace (where a coach re-renders). */
  reviewId: string | null;
  error: string | null;
  failedAt: string | null;
}

export interface SlowRun extends SessionRef {
  /** Upload to coaching text in the cook's chat, seconds. */
  secondsToCoachText: number;
  coachTextSentAt: string;
}

/** GET /api/console/operations/overview */
export interface PipelineOverview {
  /** Sessions per status (every status, zero included), deleted sessions left out. */
  stages: Array<{ status: string; stage: string | null; count: number }>;
  /** In-flight sessions that have been in their current stage longest. */
  stuck: StuckSession[];
  /** The slowest completed runs of the last 7 days, upload → coaching text. */
  slowest: SlowRun[];
  failed: FailedSession[];
  /** Failed renders of the last 14 days not followed by a newer live render. */
  failedRenders: FailedRender[];
  generatedAt: string;
}

/** POST /api/console/operations/sessions/:id/retry */
export interface RetryOutcome {
  sessionId: string;
  /** false when the session was not failed (already retried, or never failed): nothing was sent. */
  retried: boolean;
  status: string;
  stage: string | null;
  /** Queues a job was sent to; a queue already holding a job for the session keeps that one. */
  sent: string[];
}
