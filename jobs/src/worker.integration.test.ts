import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createKnex } from '@ajimi/core/db/knex';
import { createBoss, createQueues } from '@ajimi/core/queue/boss';
const ATTEMPT_QUEUE = 'test-attempts'; // the fixture's queue
import { PIPELINE_QUEUES, deadLetterQueueOf } from '@ajimi/core/queue/queues';

const fixture = fileURLToPath(new URL('./testing/attempt-recording-worker.ts', import.meta.url));
const databaseUrl = inject('databaseUrl');
const knex = createKnex(databaseUrl, { poolMax: 2 });
const boss = createBoss(databaseUrl, { supervise: false });
const children: ChildProcess[] = [];

function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(fixture, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, DATABASE_URL: databaseUrl, ...env } });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms`);
}

beforeAll(async () => {
  await knex.raw(
    'create table if not exists test_job_attempts (id serial primary key, label text, pid int, job_id text, at timestamptz default now())',
  );
  await boss.start();
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await boss.stop({ graceful: false, close: true });
  await knex.destroy();
});

describe('worker', () => {
  it('creates every pipeline queue with retries, backoff, a heartbeat and a dead-letter queue', async () => {
    await createQueues(boss);
    for (const stage of PIPELINE_QUEUES) {
      const queue = await boss.getQueue(stage);
      expect(queue, stage).toMatchObject({ retryBackoff: true, heartbeatSeconds: 10, deadLetter: deadLetterQueueOf(stage) });
      expect(queue?.retryLimit).toBeGreaterThanOrEqual(2);
      expect(await boss.getQueue(deadLetterQueueOf(stage))).not.toBeNull();
    }
  });

  it('brings back the job of a worker killed mid-job, and another worker finishes it', async () => {
    const a = await startWorkerProcess({ HANG: '1' });
    const label = `kill-${Date.now()}`;
    const jobId = await boss.send(ATTEMPT_QUEUE, { label });
    expect(jobId).toBeTruthy();
    await waitFor(async () => (await knex('test_job_attempts').where({ label }).first()) ?? undefined, 15_000);

    a.kill('SIGKILL'); // no graceful shutdown: the job is left "active" with a heartbeat that stops
    const killedAt = Date.now();
    await startWorkerProcess({ HANG: '0' });
    const job = await waitFor(async () => {
      const j = await boss.getJobById(ATTEMPT_QUEUE, jobId as string);
      return j?.state === 'completed' ? j : undefined;
    }, 40_000);
    const recoveredInMs = Date.now() - killedAt;

    const attempts = await knex('test_job_attempts').where({ label }).orderBy('id');
    expect(attempts).toHaveLength(2);
    expect(attempts[0].pid).toBe(a.pid);
    expect(attempts[1].pid).not.toBe(a.pid);
    expect(job.retryCount).toBe(1);
    // heartbeat 10 s + monitor every 2 s: the job is back well inside half a minute.
    expect(recoveredInMs).toBeLessThan(30_000);
  }, 90_000);

  it('fails a job at once when retrying cannot help, and holds a rate-limited one for its Retry-After', async () => {
    await startWorkerProcess({ HANG: '0' });
    const rejected = `rejected-${Date.now()}`;
    const rejectedId = await boss.send(ATTEMPT_QUEUE, { label: rejected, fail: 'rejected' });
    const failed = await waitFor(async () => {
      const j = await boss.getJobById(ATTEMPT_QUEUE, rejectedId as string);
      return j?.state === 'failed' ? j : undefined;
    }, 20_000);
    expect(failed.retryCount).toBe(0); // the queue allows 3 retries; a 400 uses none
    expect(failed.output).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('HTTP 400') });
    expect(await knex('test_job_attempts').where({ label: rejected })).toHaveLength(1);

    const limited = `limited-${Date.now()}`;
    const limitedId = await boss.send(ATTEMPT_QUEUE, { label: limited, fail: 'rate_limited', retryAfterSeconds: 4 });
    await waitFor(async () => {
      const j = await boss.getJobById(ATTEMPT_QUEUE, limitedId as string);
      return j?.state === 'completed' ? j : undefined;
    }, 30_000);
    const attempts = await knex('test_job_attempts').where({ label: limited }).orderBy('id');
    expect(attempts).toHaveLength(2);
    // The queue's own retry delay is 1 s; the service asked for 4.
    expect(new Date(attempts[1].at).getTime() - new Date(attempts[0].at).getTime()).toBeGreaterThanOrEqual(4_000);
  }, 60_000);
});
