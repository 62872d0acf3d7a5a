import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, type TestApi, type TestUser } from '../../../../test-support/api-harness';
import { listReviewItems } from './list-review-items';
import { createReviewFixture } from './testing/review-fixtures';

let api: TestApi;
let cook: TestUser;
let coach: TestUser;
const cookName = `Filter Cook ${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  api = await createTestApi();
  cook = await createTestUser(api.knex, 'learner');
  coach = await createTestUser(api.knex, 'coach');
  await api.knex('users').where({ id: cook.id }).update({ name: cookName });
});
afterAll(async () => {
  await api?.close();
});

const settings = { claimMinutes: 30, turnaroundHours: 24 };
const list = (filter: Parameters<typeof listReviewItems>[3]['filter']) =>
  listReviewItems(api.knex, settings, coach.id, { filter, sort: { field: 'createdAt', order: 'asc' }, range: { start: 0, end: 99 } });

describe('the review queue: filters on the cook and the dish, the decider, the count', () => {
  it('finds items by cook name and dish, filters by dish id, names the decider and counts what it filters', async () => {
    const rice = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice' });
    const other = await createReviewFixture(api.knex, { cookId: cook.id });
    await api.knex('review_items').where({ id: other.reviewId }).update({ status: 'approved', decision: 'approved', decided_by: coach.id, decided_at: api.knex.fn.now() });

    const byCook = await list({ q: cookName });
    expect(byCook.rows.map((r) => r.id).sort()).toEqual([rice.reviewId, other.reviewId].sort());
    expect(byCook.total).toBe(2);
    const riceRow = byCook.rows.find((r) => r.id === rice.reviewId)!;
    expect(riceRow).toMatchObject({ cook: { id: cook.id, name: cookName }, dish: { slug: 'fried-rice' } });
    expect(riceRow.dish.nameJa).toBeTruthy();
    expect(riceRow.dish.nameEn).toBeTruthy();
    const decided = byCook.rows.find((r) => r.id === other.reviewId)!;
    expect(decided.decision).toMatchObject({ kind: 'approved', by: { id: coach.id, name: 'Test coach' } });

    const byDishSlug = await list({ q: 'fried-rice', id: [rice.reviewId, other.reviewId] });
    expect(byDishSlug.rows.map((r) => r.id)).toContain(rice.reviewId);
    const byDishId = await list({ dishId: riceRow.dish.id, id: [rice.reviewId, other.reviewId] });
    expect(byDishId.rows.map((r) => r.id)).toEqual(byDishId.rows.filter((r) => r.dish.id === riceRow.dish.id).map((r) => r.id));
    expect(byDishId.rows.map((r) => r.id)).toContain(rice.reviewId);

    const open = await list({ q: cookName, status: ['pending', 'in_review'] });
    expect(open.rows.map((r) => r.id)).toEqual([rice.reviewId]);
    expect(open.total).toBe(1);
  }, 120_000);
});
