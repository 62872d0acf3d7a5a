import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type supertest from 'supertest';
import { createReviewFixture } from '@ajimi/core/services/review/testing/review-fixtures';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../../test-support/api-harness';

let api: TestApi;
let cook: TestUser;
let coach: ReturnType<typeof supertest.agent>;
let content: ReturnType<typeof supertest.agent>;
const R = '/api/console/reviews';

beforeAll(async () => {
  api = await createTestApi();
  cook = await createTestUser(api.knex, 'learner');
  coach = await signIn(api.app, await createTestUser(api.knex, 'coach'));
  content = await signIn(api.app, await createTestUser(api.knex, 'content'));
});
afterAll(async () => {
  await api?.close();
});

describe('GET /api/console/reviews/stats', () => {
  it("counts the caller's decisions since the given time", async () => {
    const since = new Date(Date.now() - 3600_000).toISOString();
    expect((await coach.get(`${R}/stats`).query({ since }).expect(200)).body).toEqual({ since, reviewed: 0, medianSecondsPerItem: null });
    const f = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice', storage: api.storage });
    await coach.post(`${R}/${f.reviewId}/claim`).expect(200);
    await coach.post(`${R}/${f.reviewId}/send-back`).send({ reason: '音を強調して。' }).expect(200);
    const stats = (await coach.get(`${R}/stats`).query({ since }).expect(200)).body as { reviewed: number; medianSecondsPerItem: number | null };
    expect(stats.reviewed).toBe(1);
    expect(stats.medianSecondsPerItem).toBeGreaterThanOrEqual(0);
  });

  it('refuses a missing or too old start, and anyone who does not review', async () => {
    await coach.get(`${R}/stats`).expect(400);
    await coach.get(`${R}/stats`).query({ since: 'yesterday' }).expect(400);
    await coach.get(`${R}/stats`).query({ since: new Date(Date.now() - 30 * 86400_000).toISOString() }).expect(400);
    await content.get(`${R}/stats`).query({ since: new Date().toISOString() }).expect(403);
  });
});
