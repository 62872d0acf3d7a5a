import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPipelineDeps } from '@ajimi/core/wiring';
import { bossQueue } from '@ajimi/core/queue/job-queue';
import { createTestApi, createTestUser, type TestApi } from '../../../test-support/api-harness';
import { pushJob } from './push';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

describe('the push queue', () => {
  it('a stage hands its notification to the push queue and returns at once; the push job sends it', async () => {
    const user = await createTestUser(api.knex, 'learner');
    // A stored endpoint from before endpoints were checked: a private address the worker must never contact.
    await api.knex('push_subscriptions').insert({ user_id: user.id, endpoint: 'https://10.0.0.9/push', p256dh: 'p'.repeat(87), auth: 'a'.repeat(22) });
    const deps = await createPipelineDeps(api.config, api.knex, undefined, { pushQueue: bossQueue(api.boss) });
    const message = { title: '返信が届きました', body: 'こんにちは', url: '/#/rooms/x', tag: `reply:${user.id}` };

    const outcome = await deps.push.notifyUser(user.id, message);
    expect(outcome).toEqual({ queued: expect.any(String) });
    // The same tag queued twice (a retried stage) is one notification.
    await deps.push.notifyUser(user.id, message);
    const jobs = await api.knex('pgboss.job').where({ name: 'push' }).whereRaw(`data->>'userId' = ?`, [user.id]);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].data).toEqual({ userId: user.id, message });

    const logs: unknown[] = [];
    const job = pushJob(deps);
    const data = job.schema.parse(jobs[0].data);
    await job.handle(data, { knex: api.knex, logger: pino({ level: 'info' }, { write: (l: string) => logs.push(JSON.parse(l)) }), jobId: jobs[0].id, retryCount: 0, signal: new AbortController().signal, send: async () => null });
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'push sent', sent: 0, removed: 1 }));
    expect(await api.knex('push_subscriptions').where({ user_id: user.id })).toEqual([]);
  });
});
