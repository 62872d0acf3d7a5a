/**
 * What the queue does with a stage that threw, from the error's kind:
 * - an error retrying cannot fix (kind "rejected": the service answered 400-class; "config": a
 *   missing or refused key, a retired model; "tool_missing"; or an unclassified error marked
 *   `retryable === false`) goes straight to the stage's dead-letter queue, whose handler fails the
 *   session with this reason; no retries, no re-uploads. "invalid_output" (the model's answer failed
 *   validation twice) is retried: the next attempt samples a new answer;
 * - a rate limit or an outage that names a delay (HTTP Retry-After or google.rpc.RetryInfo, carried
 *   as `retryAfterSeconds`) holds the job that long before pg-boss schedules its retry, so the
 *   next attempt never starts before the service said it may;
 * - anything else is retried with the queue's backoff.
 */
export interface FailureDecision {
  status: 'failed' | 'deadletter';
  /** Seconds to hold the job before handing it back for a retry. */
  waitSeconds: number;
  /** Stored as the job's output; the dead-letter handler reads `reason`. */
  output: { reason: string; kind?: string; retryAfterSeconds?: number };
}

/** Error kinds (AiProviderError, TtsError, SpeechToTextError) no retry can fix. */
const TERMINAL_KINDS = new Set(['rejected', 'config', 'tool_missing']);

/** Longest inline hold: past it the queue's own backoff (up to 300 s) takes over. */
export const MAX_HOLD_SECONDS = 600;

interface ClassifiedError {
  message?: unknown;
  kind?: unknown;
  code?: unknown;
  retryable?: unknown;
  retryAfterSeconds?: unknown;
}

export function decideFailure(err: unknown): FailureDecision {
  const e = (err && typeof err === 'object' ? err : {}) as ClassifiedError;
  const reason = (typeof e.message === 'string' && e.message ? e.message : String(err)).slice(0, 500);
  const kind = typeof e.kind === 'string' ? e.kind : typeof e.code === 'string' ? e.code : undefined;
  const output = { reason, ...(kind ? { kind } : {}) };
  const terminal = kind !== undefined ? TERMINAL_KINDS.has(kind) : e.retryable === false;
  if (terminal) return { status: 'deadletter', waitSeconds: 0, output };
  const after = typeof e.retryAfterSeconds === 'number' && Number.isFinite(e.retryAfterSeconds) ? Math.max(0, e.retryAfterSeconds) : 0;
  return {
    status: 'failed',
    waitSeconds: Math.min(after, MAX_HOLD_SECONDS),
    output: { ...output, ...(after ? { retryAfterSeconds: after } : {}) },
  };
}

/** Sleeps for the hold, or less if the job is aborted (shutdown, lost claim). */
export function hold(seconds: number, signal: AbortSignal): Promise<void> {
  if (seconds <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, seconds * 1000);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
