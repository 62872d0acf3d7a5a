import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type supertest from 'supertest';
import { createReviewFixture, sendCoachingTextFixture } from '@ajimi/core/services/review/testing/review-fixtures';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../../test-support/api-harness';

let api: TestApi;
let cook: TestUser;
let coachA: TestUser;
let a: ReturnType<typeof supertest.agent>;
let b: ReturnType<typeof supertest.agent>;
let admin: ReturnType<typeof supertest.agent>;
let content: ReturnType<typeof supertest.agent>;
let learner: ReturnType<typeof supertest.agent>;
const R = '/api/console/reviews';
const corrected = '📅 2026年12月6日 · チャーハン 1回目のセッション\n\n🍳 今回の問題点\n卵を入れたときの火は十分でした。ご飯を入れた後に混ぜすぎたのが原因です。';

/** A review item whose coaching text the cook already has (our own cook: the demo cook is shared). */
async function sentItem() {
  const item = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice', storage: api.storage });
  return { ...item, ...(await sendCoachingTextFixture(api.knex, { cookId: cook.id, sessionId: item.sessionId })) };
}

const pushJobs = (correctionId: string) => api.knex('pgboss.job').where({ name: 'push', singleton_key: `${cook.id}:coach-text-correction:${correctionId}` }).select('id', 'data');

beforeAll(async () => {
  api = await createTestApi();
  cook = await createTestUser(api.knex, 'learner');
  coachA = await createTestUser(api.knex, 'coach');
  a = await signIn(api.app, coachA);
  b = await signIn(api.app, await createTestUser(api.knex, 'coach'));
  admin = await signIn(api.app, await createTestUser(api.knex, 'admin'));
  content = await signIn(api.app, await createTestUser(api.knex, 'content'));
  learner = await signIn(api.app, cook);
});
afterAll(async () => {
  if (api) await api.knex('pgboss.job').where({ name: 'push' }).whereRaw(`data->>'userId' = ?`, [cook.id]).delete();
  await api?.close();
});

describe('POST /api/console/reviews/:id/coaching-text/corrections', () => {
  it('replaces the cook card with the corrected text, keeps the history, audits it and pushes once (a retry changes nothing)', async () => {
    const item = await sentItem();
    const res = await a.post(`${R}/${item.reviewId}/coaching-text/corrections`).send({ body: `  ${corrected}\n`, baseVersion: 1 }).expect(201);
    expect(res.body).toMatchObject({ created: true, version: 2, body: corrected });
    expect(res.body.history.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(res.body.history[1].by).toMatchObject({ id: coachA.id, name: 'Test coach' });

    // The cook's room: the same card, now with the corrected body and the earlier version; one notice after it.
    const messages = (await learner.get(`/api/rooms/${item.roomId}/messages`).expect(200)).body.messages as Array<{ id: string; kind: string; body: string; payload: Record<string, unknown> }>;
    const card = messages.find((m) => m.id === item.messageId)!;
    expect(card.body).toBe(corrected);
    expect(card.payload.correction).toMatchObject({ version: 2, earlier: [{ version: 1, body: expect.stringContaining('鍋が熱くなる前に') }] });
    expect(card.payload.content).toBeTruthy(); // the AI's structured text stays for the record
    const notices = messages.filter((m) => m.kind === 'system' && (m.payload as { correctionOf?: string }).correctionOf === item.messageId);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain('コーチが');

    // The workspace shows the current version and the history.
    const detail = (await a.get(`${R}/${item.reviewId}`).expect(200)).body;
    expect(detail.coachingText).toMatchObject({ body: corrected, version: 2 });
    expect(detail.coachingText.history).toHaveLength(2);

    const audit = await api.knex('audit_log').where({ action: 'coaching_text.correct', entity_id: item.sessionId });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: coachA.id, entity_type: 'cooking_session', before: { version: 1 }, after: { version: 2, body: corrected } });

    const correction = await api.knex('coaching_text_corrections').where({ coaching_text_id: item.coachingTextId }).first();
    expect(correction).toMatchObject({ version: 2, body: corrected, previous_body: expect.stringContaining('鍋が熱くなる前に') });
    expect(correction.push_queued_at).not.toBeNull();
    const jobs = await pushJobs(correction.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].data).toMatchObject({ userId: cook.id, message: { title: 'コーチがコーチングを修正しました', url: `/#/rooms/${item.roomId}?message=${item.messageId}` } });

    // The same request again (the answer was lost): the same result, no second notice, audit row or push.
    const again = await a.post(`${R}/${item.reviewId}/coaching-text/corrections`).send({ body: corrected, baseVersion: 1 }).expect(200);
    expect(again.body).toMatchObject({ created: false, version: 2, body: corrected });
    expect(await api.knex('audit_log').where({ action: 'coaching_text.correct', entity_id: item.sessionId })).toHaveLength(1);
    expect(await pushJobs(correction.id)).toHaveLength(1);
    const after = (await learner.get(`/api/rooms/${item.roomId}/messages`).expect(200)).body.messages as Array<{ kind: string; payload: { correctionOf?: string } }>;
    expect(after.filter((m) => m.payload.correctionOf === item.messageId)).toHaveLength(1);

    // A second correction builds on v2; the card keeps both earlier versions.
    await admin.post(`${R}/${item.reviewId}/coaching-text/corrections`).send({ body: `${corrected}\n次回は強火で。`, baseVersion: 2 }).expect(201);
    const card3 = ((await learner.get(`/api/rooms/${item.roomId}/messages`).expect(200)).body.messages as Array<{ id: string; payload: { correction?: { version: number; earlier: unknown[] } } }>).find((m) => m.id === item.messageId)!;
    expect(card3.payload.correction).toMatchObject({ version: 3 });
    expect(card3.payload.correction!.earlier).toHaveLength(2);
  });

  it('refuses a correction made on an older version, an unchanged text, and an unsent text (bilingual messages)', async () => {
    const item = await sentItem();
    await a.post(`${R}/${item.reviewId}/coaching-text/corrections`).send({ body: corrected, baseVersion: 1 }).expect(201);
    const stale = await b.post(`${R}/${item.reviewId}/coaching-text/corrections`).send({ body: `${corrected} 別の修正`, baseVersion: 1 }).expect(409);
    expect(stale.body.error.code).toBe('correction_conflict');
    expect(stale.body.error.message).toMatch(/読み込み直して.*reload/);
    const unchanged = await a.post(`${R}/${item.reviewId}/coaching-text/corrections`).send({ body: corrected, baseVersion: 2 }).expect(400);
    expect(unchanged.body.error.message).toMatch(/同じ.*unchanged/);

    const unsent = await createReviewFixture(api.knex, { cookId: cook.id, dishSlug: 'fried-rice' });
    const res = await a.post(`${R}/${unsent.reviewId}/coaching-text/corrections`).send({ body: corrected, baseVersion: 1 }).expect(409);
    expect(res.body.error.code).toBe('coaching_text_unsent');
  });

  it('validates the body (zod, length limits) and lets only coaches and admins correct', async () => {
    const item = await sentItem();
    const url = `${R}/${item.reviewId}/coaching-text/corrections`;
    const empty = await a.post(url).send({ body: '   ', baseVersion: 1 }).expect(400);
    expect(JSON.stringify(empty.body.error.details)).toMatch(/本文を入力してください/);
    const long = await a.post(url).send({ body: 'あ'.repeat(6001), baseVersion: 1 }).expect(400);
    expect(JSON.stringify(long.body.error.details)).toMatch(/6000文字以内/);
    await a.post(url).send({ body: corrected, baseVersion: 1, extra: true }).expect(400);
    await a.post(url).send({ body: corrected }).expect(400);
    await a.post(`${R}/not-a-uuid/coaching-text/corrections`).send({ body: corrected, baseVersion: 1 }).expect(400);
    await content.post(url).send({ body: corrected, baseVersion: 1 }).expect(403);
    await learner.post(url).send({ body: corrected, baseVersion: 1 }).expect(403);
    // While another coach holds the item, it is theirs to decide.
    await b.post(`${R}/${item.reviewId}/claim`).send({}).expect(200);
    expect((await a.post(url).send({ body: corrected, baseVersion: 1 }).expect(409)).body.error.code).toBe('held_by_other');
    await b.post(url).send({ body: corrected, baseVersion: 1 }).expect(201);
  });
});
