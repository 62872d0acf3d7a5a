import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, type TestApi, type TestUser } from '../../../../test-support/api-harness';
import { listReviewItems } from './list-review-items';
import { createReviewFixture } from './testing/review-fixtures';

let api: TestApi;
let cook: TestUser;
let coach: TestUser;

beforeAll(async () => {
  api = await createTestApi();
  cook = await createTestUser(api.knex, 'learner');
  coach = await createTestUser(api.knex, 'coach');
});
afterAll(async () => {
  await api?.close();
});

/** Sets the diagnosis confidence in the session's analysis (the fixture writes one without it). */
const setConfidence = async (sessionId: string, confidence: number) => {
  await api.knex('analyses').where({ session_id: sessionId }).update({ result: api.knex.raw(`jsonb_set(result, '{diagnosis,confidence}', ?::jsonb)`, [JSON.stringify(confidence)]) });
};

describe('the review queue rows: diagnosis and confidence', () => {
  it('carries the diagnosis code and its confidence, and lists low-confidence diagnoses first', async () => {
    const sure = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice' });
    const unsure = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice' });
    const unstated = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice' });
    await setConfidence(sure.sessionId, 0.9);
    await setConfidence(unsure.sessionId, 0.3);

    const listed = await listReviewItems(api.knex, { claimMinutes: 30, turnaroundHours: 24 }, coach.id, {
      filter: { id: [sure.reviewId, unsure.reviewId, unstated.reviewId] },
      sort: { field: 'createdAt', order: 'asc' },
      range: { start: 0, end: 99 },
    });
    const byId = new Map(listed.rows.map((r) => [r.id, r]));
    expect(byId.get(sure.reviewId)?.diagnosis).toEqual({ code: 'pan_not_hot', confidence: 0.9 });
    expect(byId.get(unsure.reviewId)?.diagnosis).toEqual({ code: 'pan_not_hot', confidence: 0.3 });
    expect(byId.get(unstated.reviewId)?.diagnosis).toEqual({ code: 'pan_not_hot', confidence: null });
    expect(byId.get(unsure.reviewId)?.lowConfidence).toBe(true);
    expect(byId.get(sure.reviewId)?.lowConfidence).toBe(false);
    // The unsure one is newest but comes first; the rest keep the oldest-first order.
    expect(listed.rows.map((r) => r.id)).toEqual([unsure.reviewId, sure.reviewId, unstated.reviewId]);
  }, 120_000);

  it('has no diagnosis when the analysis gave none (an uncoachable clip)', async () => {
    const f = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice' });
    await api.knex('analyses').where({ session_id: f.sessionId }).update({ result: api.knex.raw(`jsonb_set(result, '{diagnosis}', 'null'::jsonb)`) });
    const listed = await listReviewItems(api.knex, { claimMinutes: 30, turnaroundHours: 24 }, coach.id, {
      filter: { id: [f.reviewId] },
      sort: { field: 'createdAt', order: 'asc' },
      range: { start: 0, end: 99 },
    });
    expect(listed.rows[0]).toMatchObject({ diagnosis: null, lowConfidence: false });
  }, 120_000);
});

describe('the review queue rows: thumbnail', () => {
  it("signs the footage's poster frame, not a render's poster", async () => {
    const f = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice', withRender: true });
    const query = { filter: { id: [f.reviewId] }, sort: { field: 'createdAt', order: 'asc' as const }, range: { start: 0, end: 99 } };
    const sign = async (key: string) => `signed:${key}`;
    // Only the render's poster so far: no thumbnail.
    expect((await listReviewItems(api.knex, { claimMinutes: 30, turnaroundHours: 24 }, coach.id, query, sign)).rows[0]?.posterUrl).toBeNull();
    await api.knex('media_assets').insert({ owner_user_id: cook.id, session_id: f.sessionId, kind: 'poster', storage_driver: 'local', storage_key: `${f.sessionId}/footage-poster.jpg`, content_type: 'image/jpeg' });
    expect((await listReviewItems(api.knex, { claimMinutes: 30, turnaroundHours: 24 }, coach.id, query, sign)).rows[0]?.posterUrl).toBe(`signed:${f.sessionId}/footage-poster.jpg`);
    // Without a signer (other callers) rows carry no posterUrl at all.
    expect((await listReviewItems(api.knex, { claimMinutes: 30, turnaroundHours: 24 }, coach.id, query)).rows[0]).not.toHaveProperty('posterUrl');
  }, 120_000);
});
