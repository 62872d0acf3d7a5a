import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { hasNewerRender, setRenderProgress } from '../../../data/renders';

/** How often progress is written to the row (the console polls it). */
export const PROGRESS_INTERVAL_MS = 500;

export interface RenderProgress {
  /** The renderer's progress callback (fraction 0–1). */
  onProgress: (fraction: number) => void;
  /** Aborted when the job is aborted or a newer render request appears. */
  signal: AbortSignal;
  /** Whether a newer request stopped this render. */
  superseded: () => boolean;
  /** Waits for the progress write in flight, if any. */
  settled: () => Promise<void>;
  /** Stops following the job's abort signal. */
  dispose: () => void;
}

/**
 * Progress of one render, written at most every PROGRESS_INTERVAL_MS, one write at a time; each
 * write also looks for a newer request for the session, which stops this render early.
 */
export function trackRenderProgress(knex: Knex, row: { id: string; version: number; sessionId: string }, job: { signal: AbortSignal; logger: Pick<Logger, 'warn'> }): RenderProgress {
  const abort = new AbortController();
  const onJobAbort = () => abort.abort(job.signal.reason);
  job.signal.addEventListener('abort', onJobAbort, { once: true });
  let superseded = false;
  let lastWrite = 0;
  let writing: Promise<void> | null = null;
  const onProgress = (fraction: number) => {
    const now = Date.now();
    if (writing || now - lastWrite < PROGRESS_INTERVAL_MS) return;
    lastWrite = now;
    const progress = Math.min(99, Math.max(0, Math.floor(fraction * 100)));
    writing = (async () => {
      await setRenderProgress(knex, row.id, progress);
      if (await hasNewerRender(knex, row.sessionId, row.version)) {
        superseded = true;
        abort.abort(new Error('superseded by a newer render'));
      }
    })()
      .catch((error: unknown) => job.logger.warn({ err: error, renderId: row.id }, 'render: progress not written'))
      .finally(() => {
        writing = null;
      });
  };
  return {
    onProgress,
    signal: abort.signal,
    superseded: () => superseded,
    settled: async () => {
      await writing;
    },
    dispose: () => job.signal.removeEventListener('abort', onJobAbort),
  };
}
