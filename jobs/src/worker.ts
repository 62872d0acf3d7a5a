import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Knex } from 'knex';
import type { JobResult, PgBoss } from 'pg-boss';
import type { Logger } from '@ajimi/core/logger';
import { beatWorker, removeWorker } from '@ajimi/core/data/worker-heartbeats';
import { createBoss, createQueues } from '@ajimi/core/queue/boss';
import { allQueues } from '@ajimi/core/queue/queues';
import { decideFailure, hold } from './failure-policy';
import type { JobDefinition } from './job-definition';

export interface RunningWorker {
  id: string;
  boss: PgBoss;
  /** Graceful: stops fetching, lets running jobs finish (up to timeoutMs), then closes. */
  stop(timeoutMs?: number): Promise<void>;
}

const HEARTBEAT_MS = 5_000;

/**
 * Starts pg-boss with every queue created up front and a worker per job definition.
 * Each payload is validated with the definition's zod schema before the handler runs; an
 * invalid payload fails the job at once (retrying cannot fix it). A handler's failure is settled by
 * failure-policy.ts: dead-lettered at once when retrying cannot help, held for Retry-After otherwise.
 */
export async function startWorker(deps: {
  databaseUrl: string;
  knex: Knex;
  logger: Logger;
  jobs: JobDefinition[];
  concurrency: number;
  pollingIntervalSeconds?: number;
}): Promise<RunningWorker> {
  const id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const boss = createBoss(deps.databaseUrl);
  boss.on('error', (err) => deps.logger.error({ err }, 'pg-boss error'));
  await boss.start();
  const known = new Set(allQueues().map((q) => q.name));
  const queues = await createQueues(
    boss,
    deps.jobs.filter((j) => !known.has(j.queue)).map((j) => ({ name: j.queue, options: j.queueOptions ?? {} })),
  );

  for (const job of deps.jobs) {
    await boss.work(
      job.queue,
      {
        localConcurrency: deps.concurrency,
        pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 1,
        batchSize: 1,
        // Per-job results let a failure that retrying cannot fix skip the remaining retries (failure-policy.ts).
        perJobResults: true,
        includeMetadata: true,
      },
      async ([raw]): Promise<JobResult[]> => {
        if (!raw) return [];
        const log = deps.logger.child({ queue: job.queue, jobId: raw.id, retry: raw.retryCount });
        const parsed = job.schema.safeParse(raw.data);
        if (!parsed.success) {
          log.error({ issues: parsed.error.issues }, 'invalid job payload');
          return [{ id: raw.id, status: 'deadletter', output: { reason: `Invalid payload for ${job.queue}: ${parsed.error.message}`.slice(0, 500) } }];
        }
        const started = Date.now();
        const failedBefore = (raw.sourceOutput as { reason?: unknown } | null)?.reason;
        try {
          await job.handle(parsed.data, {
            knex: deps.knex,
            logger: log,
            jobId: raw.id,
            retryCount: raw.retryCount,
            signal: raw.signal,
            ...(typeof failedBefore === 'string' ? { failureReason: failedBefore } : {}),
            send: (queue, data, options) =>
              boss.send(queue, data, {
                singletonKey: options.singletonKey,
                ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
              }),
          });
        } catch (err) {
          const decision = decideFailure(err);
          log.warn({ err, status: decision.status, waitSeconds: decision.waitSeconds }, 'job failed');
          await hold(decision.waitSeconds, raw.signal);
          return [{ id: raw.id, status: decision.status, output: decision.output }];
        }
        log.info({ ms: Date.now() - started }, 'job done');
        return [{ id: raw.id, status: 'completed' }];
      },
    );
  }

  const me = { id, hostname: os.hostname(), pid: process.pid, queues: deps.jobs.map((j) => j.queue) };
  await beatWorker(deps.knex, me);
  const timer = setInterval(() => {
    beatWorker(deps.knex, me).catch((err: unknown) => deps.logger.warn({ err }, 'worker heartbeat failed'));
  }, HEARTBEAT_MS);
  timer.unref();
  deps.logger.info({ workerId: id, queues: queues.length, handlers: me.queues }, 'worker ready');

  return {
    id,
    boss,
    async stop(timeoutMs = 20_000) {
      clearInterval(timer);
      await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
      await removeWorker(deps.knex, id).catch(() => undefined);
    },
  };
}
