import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi } from '../../../test-support/api-harness';

// No worker runs here: no question gets its AI reply, which is what "replies waiting" counts.
let burst: TestApi;
let waiting: TestApi;
beforeAll(async () => {
  burst = await createTestApi({ QUESTION_LIMIT_PER_MINUTE: '5', QUESTION_LIMIT_PER_DAY: '7', QUESTION_REPLIES_WAITING_MAX: '1000' });
  waiting = await createTestApi({ QUESTION_REPLIES_WAITING_MAX: '3' });
});
afterAll(async () => {
  await burst.close();
  await waiting.close();
});

async function cook(api: TestApi) {
  const user = await createTestUser(api.knex, 'learner');
  const rooms = Object.fromEntries((await api.knex('chat_rooms').where({ user_id: user.id }).select('kind', 'id')).map((r) => [r.kind, r.id]));
  return { user, agent: await signIn(api.app, user), rooms: rooms as Record<string, string> };
}

describe('follow-up question limits', () => {
  it('30 questions sent at once: the minute\'s allowance gets AI replies, the rest a clear bilingual 429', async () => {
    const { agent, rooms } = await cook(burst);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => agent.post(`/api/rooms/${rooms.my_coaching}/messages`).send({ body: `question ${i}` })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    const refused = results.find((r) => r.status === 429)!;
    expect(refused.body.error.code).toBe('too_many_questions');
    expect(refused.body.error.message).toMatch(/1分に5件まで/);
    expect(refused.body.error.message).toMatch(/up to 5 a minute/);
    expect(refused.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    // Only the accepted ones were stored and queued for a reply.
    const stored = await burst.knex('chat_messages').where({ room_id: rooms.my_coaching, author_kind: 'learner' }).pluck('id');
    expect(stored).toHaveLength(5);
    expect(await burst.knex('pgboss.job').where({ name: 'reply' }).whereIn('singleton_key', stored).count({ n: '*' }).first()).toEqual({ n: 5 });
  });

  it('counts the day: after the daily allowance the cook is pointed at tomorrow or a coach', async () => {
    const { agent, rooms } = await cook(burst);
    // Five from earlier today (outside the minute window), then two more fit, then the day is full.
    await burst.knex('chat_messages').insert(Array.from({ length: 5 }, (_, i) => ({ room_id: rooms.my_coaching, kind: 'text', author_kind: 'learner', body: `earlier ${i}`, created_at: new Date(Date.now() - 3600_000) })));
    await agent.post(`/api/rooms/${rooms.my_coaching}/messages`).send({ body: 'six' }).expect(201);
    await agent.post(`/api/rooms/${rooms.help}/messages`).send({ body: 'seven' }).expect(201);
    const full = await agent.post(`/api/rooms/${rooms.my_coaching}/messages`).send({ body: 'eight' }).expect(429);
    expect(full.body.error.message).toMatch(/今日の質問は上限/);
    expect(full.body.error.message).toMatch(/today's limit of 7/);
  });

  it('at most 3 replies waiting; once one is answered the cook may ask again', async () => {
    const { agent, rooms } = await cook(waiting);
    for (let i = 0; i < 3; i++) await agent.post(`/api/rooms/${rooms.my_coaching}/messages`).send({ body: `q${i}` }).expect(201);
    const refused = await agent.post(`/api/rooms/${rooms.my_coaching}/messages`).send({ body: 'q3' }).expect(429);
    expect(refused.body.error.message).toMatch(/返信が届いてから/);
    // A human coach in Help is not an AI reply: still open.
    await agent.post(`/api/rooms/${rooms.help}/messages`).send({ body: 'to a coach' }).expect(201);
    // A reply is written (as the reply stage posts it): room again.
    const [first] = await waiting.knex('chat_messages').where({ room_id: rooms.my_coaching, author_kind: 'learner' }).orderBy('created_at').pluck('id');
    await waiting.knex('chat_messages').insert({ room_id: rooms.my_coaching, kind: 'text', author_kind: 'ai', body: 'an answer', idempotency_key: `reply:${first}` });
    await agent.post(`/api/rooms/${rooms.my_coaching}/messages`).send({ body: 'q4' }).expect(201);
  });
});
