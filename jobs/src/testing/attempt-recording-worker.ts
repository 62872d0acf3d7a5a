/**
 * A real worker process (startWorker, pg-boss, heartbeats) with one extra queue whose handler
 * records each attempt and, with HANG=1, never finishes: the kill-a-worker test runs this.
 */
import { z } from 'zod';
import { pino } from 'pino';
import { AiProviderError } from '@ajimi/core/providers/ai/ai-provider';
import { connectDatabase } from '@ajimi/core/db/database';
import { defineJob } from '../job-definition';
import { startWorker } from '../worker';

const ATTEMPT_QUEUE = 'test-attempts';

const databaseUrl = process.env.DATABASE_URL as string;
const db = connectDatabase(databaseUrl, { poolMax: 3 });
const job = defineJob({
  queue: ATTEMPT_QUEUE,
  schema: z.object({
    label: z.string(),
    /** Make the first attempt fail the way a provider does. */
    fail: z.enum(['rejected', 'rate_limited']).optional(),
    retryAfterSeconds: z.number().optional(),
  }),
  queueOptions: { heartbeatSeconds: 10, retryLimit: 3, retryDelay: 1, expireInSeconds: 600 },
  async handle(data, ctx) {
    await ctx.knex('test_job_attempts').insert({ label: data.label, pid: process.pid, job_id: ctx.jobId });
    if (data.fail === 'rejected') throw new AiProviderError('Gemini analyze/v1 failed with HTTP 400: Request contains an invalid argument.', 'rejected');
    if (data.fail === 'rate_limited' && ctx.retryCount === 0) {
      throw new AiProviderError('Gemini analyze/v1 failed with HTTP 429', 'rate_limited', data.retryAfterSeconds);
    }
    if (process.env.HANG === '1') {
      await new Promise<void>((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    }
  },
});
await startWorker({ databaseUrl, knex: db.knex, logger: pino({ level: 'silent' }), jobs: [job], concurrency: 1, pollingIntervalSeconds: 0.5 });
process.send?.({ type: 'ready' });
