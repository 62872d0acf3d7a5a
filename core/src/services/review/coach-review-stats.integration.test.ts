import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, type TestApi, type TestUser } from '../../../../test-support/api-harness';
import type { JobQueue } from '../../queue/job-queue';
import { approveReviewItem } from './approve-review-item';
import { claimReviewItem } from './claim-review-item';
import { getCoachReviewStats } from './coach-review-stats';
import { sendBackReviewItem } from './send-back-review-item';
import { createReviewFixture } from './testing/review-fixtures';

let api: TestApi;
let cook: TestUser;
let coachA: TestUser;
let coachB: TestUser;
const settings = { claimMinutes: 30, turnaroundHours: 24 };
const actor = (u: TestUser) => ({ userId: u.id, role: u.role, requestId: `test-${randomUUID()}` });
// Jobs are scheduled an hour out: nothing works them in this test.
const queue: JobQueue = { send: async (q, data, options) => api.boss.send(q, data, { singletonKey: options.singletonKey, startAfter: 3600 }) };

beforeAll(async () => {
  api = await createTestApi();
  cook = await createTestUser(api.knex, 'learner');
  coachA = await createTestUser(api.knex, 'coach');
  coachB = await createTestUser(api.knex, 'coach');
});
afterAll(async () => {
  await api?.close();
});

/** Moves the coach's claim of the item `secondsAgo` into the past (as if they had opened it then). */
const claimedAgo = async (reviewId: string, coach: TestUser, secondsAgo: number) => {
  await api.knex('audit_log').where({ entity_id: reviewId, actor_user_id: coach.id, action: 'review.claim' }).update({ created_at: api.knex.raw(`now() - make_interval(secs => ?)`, [secondsAgo]) });
};

describe("a coach's review counter", () => {
  it('counts the decisions since the given time and the median time from claim to decision, per coach', async () => {
    const since = new Date(Date.now() - 3600_000);
    expect(await getCoachReviewStats(api.knex, coachA.id, since)).toEqual({ since: since.toISOString(), reviewed: 0, medianSecondsPerItem: null });

    const first = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice', withRender: true });
    const second = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice', withRender: true });
    const third = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice', withRender: true });
    await claimReviewItem(api.knex, settings, actor(coachA), first.reviewId);
    await claimedAgo(first.reviewId, coachA, 60);
    await approveReviewItem({ knex: api.knex, queue }, actor(coachA), first.reviewId, { renderId: first.renderId! });
    await claimReviewItem(api.knex, settings, actor(coachA), second.reviewId);
    await claimedAgo(second.reviewId, coachA, 120);
    await sendBackReviewItem({ knex: api.knex, queue }, actor(coachA), second.reviewId, { reason: 'もう少し短く' });
    // Another coach's decision is theirs, not coach A's.
    await claimReviewItem(api.knex, settings, actor(coachB), third.reviewId);
    await approveReviewItem({ knex: api.knex, queue }, actor(coachB), third.reviewId, { renderId: third.renderId! });

    const stats = await getCoachReviewStats(api.knex, coachA.id, since);
    expect(stats.reviewed).toBe(2);
    expect(stats.medianSecondsPerItem).toBe(90);
    expect((await getCoachReviewStats(api.knex, coachB.id, since)).reviewed).toBe(1);
    // Decisions before the coach's day started do not count.
    expect((await getCoachReviewStats(api.knex, coachA.id, new Date(Date.now() + 1000))).reviewed).toBe(0);
  }, 120_000);
});
