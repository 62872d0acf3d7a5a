import { randomUUID } from 'node:crypto';
import express from 'express';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../http/errors';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../../test-support/api-harness';
import { pipelineOverview } from '@ajimi/core/services/operations/pipeline-overview';
import { queueDashboardRoutes } from './operations';

type Agent = Awaited<ReturnType<typeof signIn>>;

let api: TestApi;
let admin: TestUser;
let adminAgent: Agent;
let cook: TestUser;
let dishId: string;

beforeAll(async () => {
  api = await createTestApi();
  admin = await createTestUser(api.knex, 'admin');
  adminAgent = await signIn(api.app, admin);
  cook = await createTestUser(api.knex, 'learner');
  // A dish of its own without a rubric: should a worker of another suite pick a retried job up, it goes nowhere.
  [{ id: dishId }] = await api.knex('dishes').insert({ slug: `ops-${randomUUID().slice(0, 8)}`, name_ja: '試験', name_en: 'Test' }).returning('id');
});
afterAll(() => api.close());

let attempt = 0;
async function session(fields: Record<string, unknown>): Promise<string> {
  attempt += 1;
  const [row] = await api.knex('cooking_sessions').insert({ user_id: cook.id, dish_id: dishId, attempt_number: attempt, ...fields }).returning('id');
  return row.id;
}

describe('pipeline overview', () => {
  it('counts sessions per stage and lists the stuck, the slowest and the failed ones with the job error', async () => {
    const stuck = await session({ status: 'analyzing', uploaded_at: api.knex.raw("now() - interval '2 hours'"), updated_at: api.knex.raw("now() - interval '100 days'") });
    const slow = await session({ status: 'delivered', uploaded_at: api.knex.raw("now() - interval '1 hour'"), coach_text_sent_at: api.knex.raw("now() - interval '1 minute'") });
    const failed = await session({ status: 'failed', failed_stage: 'retrieve', failure_reason: 'The retrieve stage failed after its last retry.', failed_at: api.knex.raw('now()') });
    // The stage's job as pg-boss keeps it after its last retry (state failed, the error as output).
    await api.knex.raw(`insert into pgboss.job (name, state, singleton_key, output, completed_on) values ('retrieve', 'failed', ?, ?::jsonb, now())`, [
      failed,
      JSON.stringify({ name: 'Error', message: 'pgvector: dimension mismatch 3072 != 768' }),
    ]);

    const res = await adminAgent.get('/api/console/operations/overview').expect(200);
    expect(res.body.stages.find((s: { status: string }) => s.status === 'analyzing')).toMatchObject({ stage: 'analyze', count: expect.any(Number) });
    expect(res.body.stuck[0]).toMatchObject({ id: stuck, status: 'analyzing', stage: 'analyze', cook: { id: cook.id } });
    expect(res.body.stuck[0].secondsInStage).toBeGreaterThan(99 * 86_400);
    const slowRun = res.body.slowest.find((r: { id: string }) => r.id === slow);
    expect(slowRun.secondsToCoachText).toBeGreaterThan(3500);
    expect(res.body.failed.find((f: { id: string }) => f.id === failed)).toMatchObject({
      failedStage: 'retrieve',
      failureReason: 'The retrieve stage failed after its last retry.',
      jobError: 'pgvector: dimension mismatch 3072 != 768',
      retryCount: 0,
      failureCode: null,
      failureKind: 'transient',
      retryable: true,
    });
  });

  it("marks a rejection of the cook's file (not a video) as permanent and not retryable", async () => {
    const id = await session({ status: 'failed', failed_stage: 'ingest', failure_code: 'not_media', failure_reason: 'This video could not be used: …', failed_at: api.knex.raw('now()') });
    const res = await adminAgent.get('/api/console/operations/overview').expect(200);
    expect(res.body.failed.find((f: { id: string }) => f.id === id)).toMatchObject({ failedStage: 'ingest', failureCode: 'not_media', failureKind: 'permanent', retryable: false });
  });

  it('lists a failed render until a newer render replaces it, with the review to open', async () => {
    const id = await session({ status: 'in_review', coach_text_sent_at: api.knex.raw('now()'), narrated_at: api.knex.raw('now()') });
    const [script] = await api.knex('narration_scripts').insert({ session_id: id, version: 1, author_kind: 'ai', content: '{}', key_moment: '{}' }).returning('id');
    const [review] = await api.knex('review_items').insert({ session_id: id }).returning('id');
    const [render] = await api.knex('renders').insert({ session_id: id, version: 1, script_id: script.id, status: 'failed', error: 'chromium: exited with 127', finished_at: api.knex.raw('now()') }).returning('id');
    const failedRenders = async () => (await adminAgent.get('/api/console/operations/overview').expect(200)).body.failedRenders.filter((r: { id: string }) => r.id === id);

    expect(await failedRenders()).toEqual([
      expect.objectContaining({ id, renderId: render.id, version: 1, reviewId: review.id, error: 'chromium: exited with 127', cook: { id: cook.id, name: 'Test learner' }, attemptNumber: expect.any(Number) }),
    ]);
    await api.knex('renders').insert({ session_id: id, version: 2, script_id: script.id, status: 'rendering' });
    expect(await failedRenders()).toEqual([]);
  });

  it("lists the queues from pg-boss's own counts, every pipeline stage and its dead letter", async () => {
    const res = await adminAgent.get('/api/console/operations/queues').expect(200);
    const names = res.body.map((q: { name: string }) => q.name);
    for (const name of ['ingest', 'ingest.failed', 'analyze', 'reembed', 'render']) expect(names).toContain(name);
    expect(res.body.find((q: { name: string }) => q.name === 'analyze')).toMatchObject({ policy: 'exclusive', deadLetter: 'analyze.failed' });
  });
});

describe('pipeline overview counts', () => {
  it('counts each session once in its status', async () => {
    // The counts are global and the other suites' sessions change status while this runs, so the
    // counts before and after are read in one repeatable-read transaction (its own inserts are seen,
    // nobody else's), then rolled back.
    const rolledBack = new Error('rolled back');
    await api.knex
      .transaction(async (trx) => {
        await trx.raw('set transaction isolation level repeatable read');
        const count = (o: Awaited<ReturnType<typeof pipelineOverview>>, status: string) => o.stages.find((s) => s.status === status)!.count;
        const before = await pipelineOverview(trx);
        await trx('cooking_sessions').insert([
          { user_id: cook.id, dish_id: dishId, attempt_number: 1001, status: 'analyzing' },
          { user_id: cook.id, dish_id: dishId, attempt_number: 1002, status: 'failed', failed_stage: 'analyze', failed_at: trx.fn.now() },
          { user_id: cook.id, dish_id: dishId, attempt_number: 1003, status: 'failed', deleted_at: trx.fn.now() },
        ]);
        const after = await pipelineOverview(trx);
        expect(count(after, 'analyzing')).toBe(count(before, 'analyzing') + 1);
        expect(count(after, 'failed')).toBe(count(before, 'failed') + 1); // a deleted session is not counted
        throw rolledBack;
      })
      .catch((e: unknown) => {
        if (e !== rolledBack) throw e;
      });
  });
});

describe('retrying a failed stage', () => {
  const jobs = (sessionId: string) => api.knex('pgboss.job').where({ singleton_key: sessionId }).whereIn('state', ['created', 'retry', 'active', 'completed']).pluck('name');

  it('puts the session back in the stage, sends its job once, and audits it; a second click does nothing', async () => {
    const id = await session({ status: 'failed', failed_stage: 'analyze', failure_reason: 'boom', failed_at: api.knex.raw('now()'), ingested_at: api.knex.raw('now()') });
    const res = await adminAgent.post(`/api/console/operations/sessions/${id}/retry`).expect(200);
    expect(res.body).toEqual({ sessionId: id, retried: true, status: 'analyzing', stage: 'analyze', sent: ['analyze'] });
    const row = await api.knex('cooking_sessions').where({ id }).first();
    expect(row).toMatchObject({ status: 'analyzing', failed_stage: null, failure_reason: null, failed_at: null, retry_count: 1 });
    expect(await jobs(id)).toEqual(['analyze']);

    const again = await adminAgent.post(`/api/console/operations/sessions/${id}/retry`).expect(200);
    expect(again.body).toMatchObject({ retried: false, sent: [] });
    expect(await jobs(id)).toEqual(['analyze']);
    const audit = await api.knex('audit_log').where({ entity_type: 'cooking_session', entity_id: id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'session.retry_stage', actor_user_id: admin.id, before: { status: 'failed', failed_stage: 'analyze', failure_reason: 'boom', retry_count: 0 } });
  });

  it('a side stage (render) puts the session back where its timestamps say, and resumes nothing else', async () => {
    const id = await session({ status: 'failed', failed_stage: 'render', failed_at: api.knex.raw('now()'), coach_text_sent_at: api.knex.raw('now()'), narrated_at: api.knex.raw('now()') });
    const res = await adminAgent.post(`/api/console/operations/sessions/${id}/retry`).expect(200);
    expect(res.body).toMatchObject({ status: 'in_review', stage: 'render', sent: ['render'] });
  });

  it('a side stage that failed mid-pipeline resumes the main stage too', async () => {
    const id = await session({ status: 'failed', failed_stage: 'prepare-media', failed_at: api.knex.raw('now()'), uploaded_at: api.knex.raw('now()'), ingested_at: api.knex.raw('now()') });
    const res = await adminAgent.post(`/api/console/operations/sessions/${id}/retry`).expect(200);
    expect(res.body).toMatchObject({ status: 'analyzing', stage: 'prepare-media', sent: ['prepare-media', 'analyze'] });
  });

  it("refuses to retry a permanent failure (the cook's file) and leaves the session failed", async () => {
    const id = await session({ status: 'failed', failed_stage: 'ingest', failure_code: 'not_media', failure_reason: 'not a video', failed_at: api.knex.raw('now()'), uploaded_at: api.knex.raw('now()') });
    const res = await adminAgent.post(`/api/console/operations/sessions/${id}/retry`).expect(409);
    expect(res.body.error).toMatchObject({ code: 'failure_permanent' });
    expect(await api.knex('cooking_sessions').where({ id }).first()).toMatchObject({ status: 'failed', failure_code: 'not_media', retry_count: 0 });
    expect(await jobs(id)).toEqual([]);
  });

  it('refuses a stage it cannot re-send, and an unknown session', async () => {
    const id = await session({ status: 'failed', failed_stage: null, failed_at: api.knex.raw('now()') });
    const res = await adminAgent.post(`/api/console/operations/sessions/${id}/retry`).expect(400);
    expect(res.body.error.message).toMatch(/nothing to retry/);
    await adminAgent.post(`/api/console/operations/sessions/${randomUUID()}/retry`).expect(404);
  });
});

describe('audit log (simple-rest)', () => {
  it('lists newest first with the actor, filters by action and entity, and shows one entry', async () => {
    const entity = randomUUID();
    for (const action of ['test.first', 'test.second']) {
      await api.knex('audit_log').insert({ actor_user_id: admin.id, actor_role: 'admin', action, entity_type: 'test_entity', entity_id: entity, after: JSON.stringify({ n: action }) });
    }
    const res = await adminAgent.get('/api/console/audit-log').query({ filter: JSON.stringify({ entity_id: entity }) }).expect(200);
    expect(res.headers['content-range']).toBe('audit-log 0-1/2');
    expect(res.body.map((r: { action: string }) => r.action)).toEqual(['test.second', 'test.first']);
    expect(res.body[0]).toMatchObject({ actor_user_id: admin.id, actor_name: 'Test admin', actor_email: admin.email, entity_type: 'test_entity', after: { n: 'test.second' } });
    expect(typeof res.body[0].id).toBe('string');
    const one = await adminAgent.get('/api/console/audit-log').query({ filter: JSON.stringify({ entity_id: entity, action: 'test.first' }) }).expect(200);
    expect(one.body).toHaveLength(1);
    const entry = await adminAgent.get(`/api/console/audit-log/${one.body[0].id}`).expect(200);
    expect(entry.body).toMatchObject({ id: one.body[0].id, action: 'test.first' });
    const many = await adminAgent.get('/api/console/audit-log').query({ filter: JSON.stringify({ id: [one.body[0].id] }) }).expect(200);
    expect(many.body).toHaveLength(1);
    const facets = await adminAgent.get('/api/console/audit-log/facets').expect(200);
    expect(facets.body.actions).toContain('test.first');
    expect(facets.body.entityTypes).toContain('test_entity');
    await adminAgent.get('/api/console/audit-log/999999999999').expect(404);
    await adminAgent.get('/api/console/audit-log').query({ sort: '["before","ASC"]' }).expect(400);
  });
});

describe('the pg-boss dashboard mount', () => {
  function appWith(options: Parameters<typeof queueDashboardRoutes>[0], role: 'admin' | 'coach' = 'admin') {
    const app = express();
    app.use((req, _res, next) => {
      req.user = { id: randomUUID(), email: 'x@test', name: 'X', role, locale: 'en' } as typeof req.user;
      next();
    });
    app.use('/api/console/queue-dashboard', queueDashboardRoutes(options));
    app.use(errorHandler);
    return app;
  }
  const echo = async (request: Request) =>
    new Response(`${request.method} ${new URL(request.url).pathname}${request.body ? ` ${await request.text()}` : ''}`, { status: 200, headers: { 'content-type': 'text/plain' } });

  it('forwards reads to the dashboard with its path, and refuses writes unless allowed', async () => {
    const readOnly = appWith({ databaseUrl: 'postgres://x', allowWrites: false, load: async () => echo });
    const res = await supertest(readOnly).get('/api/console/queue-dashboard/queues/ingest?state=failed').expect(200);
    expect(res.text).toBe('GET /api/console/queue-dashboard/queues/ingest');
    const refused = await supertest(readOnly).post('/api/console/queue-dashboard/queues/ingest').type('form').send('intent=retry').expect(403);
    expect(refused.body.error.message).toMatch(/read-only/);

    const writable = appWith({ databaseUrl: 'postgres://x', allowWrites: true, load: async () => echo });
    const posted = await supertest(writable).post('/api/console/queue-dashboard/queues/ingest').type('form').send('intent=retry').expect(200);
    expect(posted.text).toBe('POST /api/console/queue-dashboard/queues/ingest intent=retry');
  });

  it('is for admins only, and says so when the dashboard cannot load', async () => {
    await supertest(appWith({ databaseUrl: 'postgres://x', allowWrites: false, load: async () => echo }, 'coach')).get('/api/console/queue-dashboard').expect(403);
    const missing = await supertest(appWith({ databaseUrl: 'postgres://x', allowWrites: false, load: async () => null })).get('/api/console/queue-dashboard').expect(501);
    expect(missing.body.error).toMatchObject({ code: 'dashboard_not_installed' });
    expect(missing.body.error.message).toMatch(/@pg-boss\/dashboard/);
  });

  it('serves the real pg-boss dashboard to an admin, read-only', async () => {
    const page = await adminAgent.get('/api/console/queue-dashboard').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toMatch(/pg-boss|queue/i);
    await adminAgent.post('/api/console/queue-dashboard/queues/ingest').type('form').send('intent=retry').expect(403);
  }, 60_000);
});
