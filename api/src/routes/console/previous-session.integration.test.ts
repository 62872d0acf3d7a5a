import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type supertest from 'supertest';
import { createReviewFixture } from '@ajimi/core/services/review/testing/review-fixtures';
import { createTestApi, createTestUser, signIn, type TestApi } from '../../../../test-support/api-harness';

let api: TestApi;
let coach: ReturnType<typeof supertest.agent>;
const R = '/api/console/reviews';

beforeAll(async () => {
  api = await createTestApi();
  coach = await signIn(api.app, await createTestUser(api.knex, 'coach'));
});
afterAll(async () => {
  await api?.close();
});

describe('GET /api/console/reviews/:id/previous', () => {
  it('finds the same cook’s latest earlier coachable session of the dish, with its clip; none for a first session', async () => {
    // Our own cook: sessions 1 (coachable), 2 (not coachable), 3 (this one); another cook's and another dish's never count.
    const cook = await createTestUser(api.knex, 'learner');
    const first = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice', storage: api.storage });
    const second = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice', storage: api.storage });
    await api.knex('analyses').where({ session_id: second.sessionId }).update({ result: api.knex.raw(`result || '{"coachable": false}'::jsonb`) });
    await createReviewFixture(api.knex, { cookId: cook.id, storage: api.storage }); // another dish
    const other = await createTestUser(api.knex, 'learner');
    await createReviewFixture(api.knex, { cookId: other.id, dishSlug: 'fried-rice', storage: api.storage });
    const third = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice', storage: api.storage });

    const res = await coach.get(`${R}/${third.reviewId}/previous`).expect(200);
    expect(res.body.previous).toMatchObject({
      session: { id: first.sessionId, attemptNumber: 1 },
      keyMoment: { start: 38, end: 53 },
      diagnosis: { code: 'pan_not_hot', problem: { ja: expect.any(String), en: expect.any(String) } },
      video: { durationSec: 60 },
    });
    // The signed URL plays the earlier session's own video.
    expect(res.body.previous.video.url).toContain(first.sessionId);

    // A coach's later choice of clip is the one compared.
    await api.knex('narration_scripts').insert({
      session_id: first.sessionId,
      version: 2,
      author_kind: 'coach',
      content: (await api.knex('narration_scripts').where({ session_id: first.sessionId, version: 1 }).first('content')).content,
      key_moment: JSON.stringify({ start: 10, end: 20 }),
    });
    expect((await coach.get(`${R}/${third.reviewId}/previous`).expect(200)).body.previous.keyMoment).toEqual({ start: 10, end: 20 });

    expect((await coach.get(`${R}/${first.reviewId}/previous`).expect(200)).body).toEqual({ previous: null });
    await coach.get(`${R}/00000000-0000-4000-8000-000000000000/previous`).expect(404);
  });
});
