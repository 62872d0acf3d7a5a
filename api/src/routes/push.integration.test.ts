import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi } from '../../../test-support/api-harness';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

const keys = { p256dh: 'p'.repeat(87), auth: 'a'.repeat(22) };

describe('push subscriptions', () => {
  it('refuses endpoints that are not a known push service (the worker would POST to them)', async () => {
    const user = await createTestUser(api.knex, 'learner');
    const agent = await signIn(api.app, user);
    for (const endpoint of ['https://127.0.0.1:8443/push', 'https://10.1.2.3/push', 'https://[::1]/push', 'https://169.254.169.254/computeMetadata/v1', 'https://attacker.example/push', 'https://localhost/push']) {
      const res = await agent.post('/api/push/subscriptions').send({ endpoint, keys }).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toMatch(/通知先/);
    }
    expect(await api.knex('push_subscriptions').where({ user_id: user.id })).toEqual([]);
  });

  it('keeps at most 10 browsers per user, dropping the ones unused the longest', async () => {
    const user = await createTestUser(api.knex, 'learner');
    const agent = await signIn(api.app, user);
    const endpoints = Array.from({ length: 13 }, () => `https://fcm.googleapis.com/fcm/send/${randomUUID()}`);
    for (const endpoint of endpoints) await agent.post('/api/push/subscriptions').send({ endpoint, keys }).expect(201);
    const kept = await api.knex('push_subscriptions').where({ user_id: user.id }).pluck('endpoint');
    expect(kept).toHaveLength(10);
    expect(kept.sort()).toEqual(endpoints.slice(3).sort());
  });
});
