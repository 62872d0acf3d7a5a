import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi } from '../../../test-support/api-harness';
import type { JobContext } from '../job-definition';
import { stageFailedJobs } from './mark-stage-failed';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => {
  await api.close();
});

async function sessionAt(status: string): Promise<string> {
  const cook = await createTestUser(api.knex, 'learner');
  const agent = await signIn(api.app, cook);
  const res = await agent.post('/api/sessions').send({ dishSlug: 'fried-rice' });
  expect(res.status).toBe(201);
  const id = (res.body as { session: { id: string } }).session.id;
  await api.knex('cooking_sessions').where({ id }).update({ status });
  return id;
}

function context(failureReason?: string): JobContext {
  return {
    knex: api.knex,
    logger: pino({ level: 'silent' }),
    jobId: 'dead-letter-job',
    retryCount: 0,
    signal: new AbortController().signal,
    ...(failureReason ? { failureReason } : {}),
    send: async () => null,
  };
}

describe('a stage dead-lettered by the failure policy', () => {
  it('fails the session with the provider’s reason', async () => {
    const sessionId = await sessionAt('analyzing');
    const job = stageFailedJobs.find((j) => j.queue === 'analyze.failed')!;
    await job.handle({ sessionId }, context('Gemini analyze/v1 failed with HTTP 400: Request contains an invalid argument.'));
    const session = await api.knex('cooking_sessions').where({ id: sessionId }).first();
    expect(session).toMatchObject({ status: 'failed', failed_stage: 'analyze' });
    expect(session.failure_reason).toBe('The analyze stage failed: Gemini analyze/v1 failed with HTTP 400: Request contains an invalid argument.');
  });

  it('without a recorded reason says the retries ran out', async () => {
    const sessionId = await sessionAt('analyzing');
    await stageFailedJobs.find((j) => j.queue === 'analyze.failed')!.handle({ sessionId }, context());
    expect((await api.knex('cooking_sessions').where({ id: sessionId }).first()).failure_reason).toBe('The analyze stage failed after its last retry.');
  });
});
