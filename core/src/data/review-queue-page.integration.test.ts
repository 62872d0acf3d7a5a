import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createTestUser, type TestUser } from '../../../test-support/api-harness';
import { createKnex } from '../db/knex';
import { createReviewFixture } from '../services/review/testing/review-fixtures';
import { ensureReviewItem } from './review-items';
import { reviewQueuePage, type ReviewQueuePageQuery } from './review-queue-page';
import { LOW_CONFIDENCE } from './review-row-analysis';

const knex = createKnex(inject('databaseUrl'), { poolMax: 2 });
let cook: TestUser;
let coach: TestUser;
let otherCoach: TestUser;
beforeAll(async () => {
  cook = await createTestUser(knex, 'learner');
  coach = await createTestUser(knex, 'coach');
  otherCoach = await createTestUser(knex, 'coach');
});
afterAll(() => knex.destroy());

const lowConfidenceOf = async (reviewId: string) => (await knex('review_items').where({ id: reviewId }).first('low_confidence')).low_confidence as boolean;
const setConfidence = (sessionId: string, confidence: unknown) =>
  knex('analyses').where({ session_id: sessionId }).update({ result: knex.raw(`jsonb_set(result, '{diagnosis,confidence}', ?::jsonb)`, [JSON.stringify(confidence)]) });
const page = (filter: ReviewQueuePageQuery['filter'], more: Partial<ReviewQueuePageQuery> = {}) =>
  reviewQueuePage(knex, { filter, sort: { column: 'created_at', order: 'asc' }, coachFirst: true, offset: 0, limit: 100, ...more });

describe('review_items.low_confidence (the queue sort key, kept by triggers)', () => {
  it("follows the newest analysis of the item's session through every write, at exactly the LOW_CONFIDENCE threshold", async () => {
    const f = await createReviewFixture(knex, { cookId: cook.id });
    expect(await lowConfidenceOf(f.reviewId)).toBe(false); // the fixture's diagnosis states no confidence
    await setConfidence(f.sessionId, LOW_CONFIDENCE - 0.01);
    expect(await lowConfidenceOf(f.reviewId)).toBe(true);
    await setConfidence(f.sessionId, LOW_CONFIDENCE);
    expect(await lowConfidenceOf(f.reviewId)).toBe(false);
    await setConfidence(f.sessionId, 'high'); // not a number: not "unsure"
    expect(await lowConfidenceOf(f.reviewId)).toBe(false);

    // A newer analysis decides; deleting it hands the decision back to the older one.
    const [newer] = await knex('analyses')
      .insert({ session_id: f.sessionId, provider: 'local', model: 'test', result: JSON.stringify({ diagnosis: { code: 'pan_not_hot', confidence: 0.2 } }), created_at: knex.raw(`now() + interval '1 second'`) })
      .returning('id');
    expect(await lowConfidenceOf(f.reviewId)).toBe(true);
    await knex('analyses').where({ id: newer.id }).delete();
    expect(await lowConfidenceOf(f.reviewId)).toBe(false);

    // An item created after its session's analysis starts right; nobody can set the key by hand.
    await setConfidence(f.sessionId, 0.1);
    await knex('review_items').where({ id: f.reviewId }).delete();
    await ensureReviewItem(knex, f.sessionId);
    const item = await knex('review_items').where({ session_id: f.sessionId }).first('id');
    expect(await lowConfidenceOf(item.id)).toBe(true);
    await knex('review_items').where({ id: item.id }).update({ low_confidence: false });
    expect(await lowConfidenceOf(item.id)).toBe(true);
  }, 120_000);
});

describe('a page of the review queue', () => {
  it('filters on the status the queue shows: a lapsed reservation is pending, a live one in review', async () => {
    const waiting = await createReviewFixture(knex, { cookId: cook.id });
    const held = await createReviewFixture(knex, { cookId: cook.id, holder: { userId: coach.id, minutes: 30 } });
    const lapsed = await createReviewFixture(knex, { cookId: cook.id, holder: { userId: coach.id, minutes: -5 } });
    const approved = await createReviewFixture(knex, { cookId: cook.id });
    await knex('review_items').where({ id: approved.reviewId }).update({ status: 'approved', decision: 'approved', decided_by: coach.id, decided_at: knex.fn.now() });
    const id = [waiting.reviewId, held.reviewId, lapsed.reviewId, approved.reviewId];
    const ids = async (filter: ReviewQueuePageQuery['filter']) => {
      const result = await page({ id, ...filter });
      expect(result.total).toBe(result.rows.length);
      return result.rows.map((r) => r.id);
    };

    expect(await ids({ status: ['pending'] })).toEqual([waiting.reviewId, lapsed.reviewId]);
    expect(await ids({ status: ['in_review'] })).toEqual([held.reviewId]);
    expect(await ids({ status: ['pending', 'in_review'] })).toEqual([waiting.reviewId, held.reviewId, lapsed.reviewId]);
    expect(await ids({ status: ['approved', 'in_review'] })).toEqual([held.reviewId, approved.reviewId]);
    expect(await ids({ status: ['approved', 'pending'] })).toEqual([waiting.reviewId, lapsed.reviewId, approved.reviewId]);
    expect(await ids({})).toEqual(id);
    const rows = new Map((await page({ id })).rows.map((r) => [r.id, r]));
    expect(rows.get(lapsed.reviewId)).toMatchObject({ status: 'pending', assignee_id: null, assignee_name: null, reserved_until: null });
    expect(rows.get(held.reviewId)).toMatchObject({ status: 'in_review', assignee_id: coach.id, assignee_name: 'Test coach' });
    expect(rows.get(approved.reviewId)).toMatchObject({ status: 'approved', decided_by: coach.id, decided_by_name: 'Test coach' });

    // The search is literal text in the cook's name or the dish's names and slug (LIKE's wildcards match only themselves).
    await knex('users').where({ id: cook.id }).update({ name: 'Queue Page Cook' });
    expect(await ids({ q: 'page cook' })).toEqual(id);
    expect(await ids({ q: 'ried ric' })).toEqual(id); // the fixture's dishes are "Fried rice"
    expect(await ids({ q: '%' })).toEqual([]);
    expect(await ids({ q: 'Queue_Page' })).toEqual([]);
    expect(await ids({ q: 'nobody like this' })).toEqual([]);

    // Only a live reservation counts as someone's; two different people hold nothing.
    expect(await ids({ assigneeIds: [coach.id] })).toEqual([held.reviewId]);
    expect(await ids({ assigneeIds: [otherCoach.id] })).toEqual([]);
    expect(await ids({ assigneeIds: [coach.id, otherCoach.id] })).toEqual([]);
  }, 120_000);

  it('orders needs-coach items, then unsure diagnoses, then the sort; pages keep that order and the count', async () => {
    const items = [];
    for (let i = 0; i < 5; i++) items.push(await createReviewFixture(knex, { cookId: cook.id }));
    const [a, b, c, d, e] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0], (typeof items)[0], (typeof items)[0]];
    await knex('review_items').where({ id: d.reviewId }).update({ needs_coach: true });
    await setConfidence(e.sessionId, 0.3);
    await setConfidence(b.sessionId, 0.1);
    const id = items.map((f) => f.reviewId);
    const expected = [d, b, e, a, c].map((f) => f.reviewId);

    expect((await page({ id, status: ['pending', 'in_review'] })).rows.map((r) => r.id)).toEqual(expected);
    const pages = [];
    for (let offset = 0; offset < 6; offset += 2) pages.push(await page({ id, status: ['pending', 'in_review'] }, { offset, limit: 2 }));
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(expected);
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    // A page past the end: no rows, still the count.
    expect(await page({ id }, { offset: 10, limit: 2 })).toEqual({ rows: [], total: 5 });
    // Newest first keeps needs-coach and unsure items on top; a sort by id is a plain id listing.
    expect((await page({ id }, { sort: { column: 'created_at', order: 'desc' } })).rows.map((r) => r.id)).toEqual([d, e, b, c, a].map((f) => f.reviewId));
    expect((await page({ id }, { sort: { column: 'id', order: 'desc' }, coachFirst: false })).rows.map((r) => r.id)).toEqual([...id].sort().reverse());
    for (const column of ['uploaded_at', 'attempt_number', 'status', 'updated_at'] as const) {
      const [first, ...rest] = (await page({ id }, { sort: { column, order: 'asc' } })).rows.map((r) => r.id);
      expect([first, rest.slice(0, 2).sort()]).toEqual([d.reviewId, [b.reviewId, e.reviewId].sort()]);
    }
    const attempts = (await page({ id }, { sort: { column: 'attempt_number', order: 'desc' }, coachFirst: false })).rows.map((r) => r.attempt_number as number);
    expect(attempts).toEqual([...attempts].sort((x, y) => y - x));
  }, 120_000);

  it("never lists an item of a deleted session, nor counts it; shows the newest render and the diagnosis", async () => {
    const kept = await createReviewFixture(knex, { cookId: cook.id, withRender: true });
    const gone = await createReviewFixture(knex, { cookId: cook.id });
    await knex('cooking_sessions').where({ id: gone.sessionId }).update({ deleted_at: knex.fn.now() });
    await setConfidence(kept.sessionId, 0.25);
    const result = await page({ id: [kept.reviewId, gone.reviewId], status: ['pending', 'in_review'] });
    expect(result.total).toBe(1);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({
      id: kept.reviewId,
      render_id: kept.renderId,
      render_version: 1,
      render_status: 'done',
      render_progress: 100,
      diagnosis_code: 'pan_not_hot',
      diagnosis_confidence: 0.25,
      low_confidence: true,
      dish_slug: expect.any(String),
      name_ja: 'チャーハン',
      name_en: 'Fried rice',
      poster_key: null, // only the render's poster: not the cook's footage
    });
    // A session removed for good takes its analyses and item along (the analyses trigger finds no item to update).
    await knex('cooking_sessions').where({ id: gone.sessionId }).delete();
    expect(await knex('review_items').where({ id: gone.reviewId }).first()).toBeUndefined();
  }, 120_000);
});
