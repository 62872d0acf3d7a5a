import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type supertest from 'supertest';
import { createReviewFixture, scriptBody } from '@ajimi/core/services/review/testing/review-fixtures';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../../test-support/api-harness';

let api: TestApi;
let cook: TestUser;
let coachA: TestUser;
let coachB: TestUser;
let a: ReturnType<typeof supertest.agent>;
let b: ReturnType<typeof supertest.agent>;
let content: ReturnType<typeof supertest.agent>;
const R = '/api/console/reviews';

const fixture = (options: { withRender?: boolean } = {}) => createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice', storage: api.storage, ...options });

/** The job a request queued, taken off the queue at once so no other suite's worker runs it. */
async function takeJob(name: string, singletonKey: string): Promise<Record<string, unknown> | undefined> {
  const job = await api.knex('pgboss.job').where({ name, singleton_key: singletonKey }).first('id', 'data');
  if (job) await api.knex('pgboss.job').where({ id: job.id }).delete();
  return job?.data;
}

beforeAll(async () => {
  api = await createTestApi();
  cook = await createTestUser(api.knex, 'learner');
  coachA = await createTestUser(api.knex, 'coach');
  coachB = await createTestUser(api.knex, 'coach');
  a = await signIn(api.app, coachA);
  b = await signIn(api.app, coachB);
  content = await signIn(api.app, await createTestUser(api.knex, 'content'));
});
afterAll(async () => {
  await api?.close();
});

describe('GET /api/console/reviews', () => {
  it('lists in the simple-rest dialect, oldest first, with the due time and filters', async () => {
    const first = await fixture();
    const second = await fixture({ withRender: true });
    const res = await a.get(R).query({ filter: JSON.stringify({ id: [first.reviewId, second.reviewId] }) }).expect(200);
    expect(res.headers['content-range']).toBe('reviews 0-1/2');
    expect(res.body.map((r: { id: string }) => r.id)).toEqual([first.reviewId, second.reviewId]);
    const row = res.body[1];
    expect(row).toMatchObject({ sessionId: second.sessionId, status: 'pending', dish: { slug: 'fried-rice' }, cook: { id: cook.id }, turnaroundHours: 24, assignee: null, render: { version: 1, status: 'done', progress: 100 } });
    expect(new Date(row.dueAt).getTime() - new Date(row.uploadedAt).getTime()).toBe(24 * 3600_000);

    await a.post(`${R}/${second.reviewId}/claim`).expect(200);
    const mine = await a.get(R).query({ filter: JSON.stringify({ mine: true, status: 'in_review' }) }).expect(200);
    expect(mine.body.map((r: { id: string }) => r.id)).toContain(second.reviewId);
    expect(mine.body.map((r: { id: string }) => r.id)).not.toContain(first.reviewId);
    const desc = await a.get(R).query({ sort: JSON.stringify(['createdAt', 'DESC']), range: JSON.stringify([0, 0]), filter: JSON.stringify({ id: [first.reviewId, second.reviewId] }) }).expect(200);
    expect(desc.body.map((r: { id: string }) => r.id)).toEqual([second.reviewId]);
    expect(desc.headers['content-range']).toBe('reviews 0-0/2');
    await a.get(R).query({ filter: JSON.stringify({ status: 'lost' }) }).expect(400);
    await a.get(R).query({ sort: JSON.stringify(['cook_password', 'ASC']) }).expect(400);
    await content.get(R).expect(403);
  });
});

describe('the review workspace', () => {
  it('returns the item with signed media, signals, candidates, scripts and renders', async () => {
    const f = await fixture({ withRender: true });
    const res = await a.get(`${R}/${f.reviewId}`).expect(200);
    expect(res.body).toMatchObject({ id: f.reviewId, keyMoment: { start: 38, end: 53 }, currentRenderId: f.renderId, session: { id: f.sessionId } });
    expect(res.body.video.durationSec).toBe(60);
    await a.get(res.body.video.url).expect(200);
    expect(res.body.signals.stepSec).toBe(1);
    expect(res.body.signals.motion).toHaveLength(60);
    expect(res.body.candidates[0]).toMatchObject({ start: 38, end: 53, score: 0.8 });
    expect(res.body.scripts).toEqual([expect.objectContaining({ version: 1, author: 'ai', keyMoment: { start: 38, end: 53 } })]);
    expect(res.body.renders[0]).toMatchObject({ id: f.renderId, version: 1, scriptVersion: 1, status: 'done' });
    expect(res.body.renders[0].videoUrl).toMatch(/^\/api\/media\//);
    await a.get(`${R}/00000000-0000-4000-8000-000000000000`).expect(404);
    await a.get(`${R}/not-a-uuid`).expect(400);
  });
});

describe('claim, edit, decide', () => {
  it('claim → another coach is refused with the holder → save a version → preview → approve once', async () => {
    const f = await fixture({ withRender: true });
    const claimed = await a.post(`${R}/${f.reviewId}/claim`).expect(200);
    expect(claimed.body.assignee).toEqual({ id: coachA.id, name: 'Test coach' });
    const refused = await b.post(`${R}/${f.reviewId}/claim`).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'held_by_other', details: { holder: { id: coachA.id }, reservedUntil: claimed.body.reservedUntil } });
    await content.post(`${R}/${f.reviewId}/claim`).expect(403);
    await a.post(`${R}/${f.reviewId}/claim`).send({ force: true }).expect(400);

    // Unknown fields are refused at every depth of the script.
    const sneaky = scriptBody() as { script: Record<string, unknown> };
    (sneaky.script.part1 as Record<string, unknown>).extra = 'x';
    expect((await a.post(`${R}/${f.reviewId}/scripts`).send(sneaky).expect(400)).body.error.code).toBe('validation_failed');
    await b.post(`${R}/${f.reviewId}/scripts`).send(scriptBody()).expect(409);
    const saved = await a.post(`${R}/${f.reviewId}/scripts`).send(scriptBody((s) => (s.part2[0]!.text.ja = '鍋の縁を見て。'))).expect(201);
    expect(saved.body).toMatchObject({ scriptVersion: 2, renderId: null });
    expect(await takeJob('render', `render:${f.sessionId}:v2`)).toEqual({ sessionId: f.sessionId, scriptVersion: 2 });

    const preview = await b.post(`${R}/${f.reviewId}/preview`).send(scriptBody()).expect(200);
    expect(preview.body.spec.segments).toHaveLength(5);
    expect(Object.keys(preview.body.media.trackUrls).sort()).toEqual(['synth:applause', 'synth:intro-theme', 'synth:outro-theme']);
    const tooLong = scriptBody((s) => (s.part2[1]!.text.ja = '長い説明がここに入ります。'.repeat(12)));
    // A line too long for its slot is fitted, not refused: the spec lists what the layout changed.
    const fitted = await a.post(`${R}/${f.reviewId}/preview`).send(tooLong).expect(200);
    expect(fitted.body.spec.adjustments.length).toBeGreaterThan(0);

    await b.post(`${R}/${f.reviewId}/approve`).send({}).expect(409);
    const approved = await a.post(`${R}/${f.reviewId}/approve`).send({}).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', renderId: f.renderId });
    expect(await takeJob('deliver', f.sessionId)).toEqual({ reviewItemId: f.reviewId, sessionId: f.sessionId, renderId: f.renderId });
    expect((await a.post(`${R}/${f.reviewId}/approve`).send({}).expect(409)).body.error.code).toBe('already_decided');
    const audit = await api.knex('audit_log').where({ entity_type: 'review_item', entity_id: f.reviewId }).orderBy('id').pluck('action');
    expect(audit).toEqual(['review.claim', 'review.script_save', 'review.approve']);
  });

  it('approve without a finished render is 409 no_render; release frees the item', async () => {
    const f = await fixture();
    await a.post(`${R}/${f.reviewId}/claim`).expect(200);
    expect((await a.post(`${R}/${f.reviewId}/approve`).send({}).expect(409)).body.error.code).toBe('no_render');
    await b.post(`${R}/${f.reviewId}/release`).expect(409);
    await a.post(`${R}/${f.reviewId}/release`).expect(204);
    await b.post(`${R}/${f.reviewId}/claim`).expect(200);
  });

  it('send back needs a reason and queues a new draft', async () => {
    const f = await fixture();
    await a.post(`${R}/${f.reviewId}/claim`).expect(200);
    await a.post(`${R}/${f.reviewId}/send-back`).send({ reason: '   ' }).expect(400);
    await a.post(`${R}/${f.reviewId}/send-back`).send({ reason: 'x'.repeat(2001) }).expect(400);
    expect((await a.post(`${R}/${f.reviewId}/send-back`).send({ reason: '音を強調して。' }).expect(200)).body).toEqual({ status: 'sent_back' });
    expect(await takeJob('narrate', f.sessionId)).toEqual({ sessionId: f.sessionId });
    const item = await api.knex('review_items').where({ id: f.reviewId }).first('status', 'decision_reason', 'decided_by');
    expect(item).toEqual({ status: 'sent_back', decision_reason: '音を強調して。', decided_by: coachA.id });
  });
});
