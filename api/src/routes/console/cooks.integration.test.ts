import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../../test-support/api-harness';

type Agent = Awaited<ReturnType<typeof signIn>>;

let api: TestApi;
let coach: TestUser;
let coachAgent: Agent;
let cook: TestUser;
let cookAgent: Agent;
let roomId: string;
let sessionIds: string[];
const marker = `ck${randomUUID().slice(0, 6)}`;

async function replyJobFor(messageId: string) {
  return api.knex('pgboss.job').where({ name: 'reply', singleton_key: messageId }).first('id');
}

beforeAll(async () => {
  api = await createTestApi();
  coach = await createTestUser(api.knex, 'coach');
  coachAgent = await signIn(api.app, coach);
  cook = await createTestUser(api.knex, 'learner');
  await api.knex('users').where({ id: cook.id }).update({ name: `${marker} 田中 ゆい` });
  cookAgent = await signIn(api.app, cook);
  roomId = (await api.knex('chat_rooms').where({ user_id: cook.id, kind: 'my_coaching' }).first('id')).id;

  // Two sessions of fried rice (the second analysed, coached and rendered) and one of tamagoyaki.
  const dishes = Object.fromEntries((await api.knex('dishes').whereIn('slug', ['fried-rice', 'tamagoyaki']).select('slug', 'id')).map((d) => [d.slug, d.id]));
  const rows = await api.knex('cooking_sessions')
    .insert([
      { user_id: cook.id, dish_id: dishes['fried-rice'], attempt_number: 1, status: 'delivered' },
      { user_id: cook.id, dish_id: dishes['fried-rice'], attempt_number: 2, status: 'in_review' },
      { user_id: cook.id, dish_id: dishes.tamagoyaki, attempt_number: 1, status: 'failed', failed_stage: 'ingest', failure_reason: 'Not a video.' },
    ])
    .returning('id');
  sessionIds = rows.map((r) => r.id);
  const second = sessionIds[1]!;
  const diagnosis = { code: 'pan_not_hot', problem: { ja: '音が弱い', en: 'Weak sizzle' }, why: { ja: '鍋が冷たい', en: 'Cold pan' }, evidence: [{ ja: '音', en: 'sound' }] };
  await api.knex('analyses').insert({
    session_id: second,
    provider: 'local',
    model: 'rules',
    result: JSON.stringify({ events: [], keyMoments: [{ start: 3, end: 9, reason: diagnosis.problem, cue: {}, score: 0.8 }], diagnosis, findings: [] }),
    retrieval: JSON.stringify({ query: 'q', model: 'm', principles: [{ principleId: randomUUID(), slug: 'fried-rice-hot-pan', score: 0.71, chunkIndex: 0 }], pastSessions: [] }),
  });
  const [message] = await api.knex('chat_messages')
    .insert({ room_id: roomId, session_id: second, kind: 'coaching_text', author_kind: 'ai', body: '📅 今回の問題点…' })
    .returning('id');
  await api.knex('coaching_texts').insert({ session_id: second, message_id: message.id, content: '{}', body: '📅 今回の問題点…', provider: 'local', model: 'templates' });
  const key = (kind: string, ext: string) => `sessions/${second}/${kind}/${randomUUID()}.${ext}`;
  const proxyKey = key('proxy', 'mp4');
  const renderKey = key('render', 'mp4');
  for (const k of [proxyKey, renderKey]) await api.storage.put(k, Buffer.from('not really a video'), { contentType: 'video/mp4' });
  const assets = await api.knex('media_assets')
    .insert([
      { owner_user_id: cook.id, session_id: second, kind: 'proxy', storage_driver: 'local', storage_key: proxyKey, probe: JSON.stringify({ durationSec: 30 }) },
      { owner_user_id: cook.id, session_id: second, kind: 'render', storage_driver: 'local', storage_key: renderKey, probe: JSON.stringify({ renderVersion: 1 }) },
    ])
    .returning('id');
  const [script] = await api.knex('narration_scripts').insert({ session_id: second, version: 1, author_kind: 'ai', content: '{}', key_moment: JSON.stringify({ start: 3, end: 9 }) }).returning('id');
  await api.knex('renders').insert({ session_id: second, version: 1, script_id: script.id, status: 'done', progress: 100, video_asset_id: assets[1].id });
});
afterAll(() => api.close());

describe('cooks list', () => {
  it('lists learners with their activity; coaches, content staff and other staff are not cooks', async () => {
    const res = await coachAgent.get('/api/console/cooks').query({ filter: JSON.stringify({ q: marker }) }).expect(200);
    expect(res.headers['content-range']).toBe('cooks 0-0/1');
    expect(res.body[0]).toMatchObject({ id: cook.id, session_count: 3, ai_paused: false, awaiting_reply: false });
    expect(res.body[0].last_session_at).toMatch(/Z$/);
    const byDish = await coachAgent.get('/api/console/cooks').query({ filter: JSON.stringify({ q: marker, dish: 'omelette' }) }).expect(200);
    expect(byDish.body).toEqual([]);
    const staff = await coachAgent.get('/api/console/cooks').query({ filter: JSON.stringify({ q: coach.email }) }).expect(200);
    expect(staff.body).toEqual([]);
    const sorted = await coachAgent.get('/api/console/cooks').query({ sort: '["session_count","DESC"]', range: '[0,4]' }).expect(200);
    expect(sorted.body.length).toBeGreaterThan(0);
  });
});

describe("a cook's journey", () => {
  it('groups sessions per dish, with analysis, coaching text, video and renders behind signed links', async () => {
    const res = await coachAgent.get(`/api/console/cooks/${cook.id}`).expect(200);
    expect(res.body).toMatchObject({ id: cook.id, email: cook.email });
    expect(res.body.dishes.map((d: { slug: string; sessions: unknown[] }) => [d.slug, d.sessions.length])).toEqual([['fried-rice', 2], ['tamagoyaki', 1]]);
    const [first, second] = res.body.dishes[0].sessions;
    expect(first).toMatchObject({ attemptNumber: 1, status: 'delivered', analysis: null, coachingText: null, video: null, renders: [] });
    expect(second).toMatchObject({ attemptNumber: 2, status: 'in_review', coachingText: { body: '📅 今回の問題点…' } });
    expect(second.analysis).toMatchObject({ provider: 'local', diagnosis: { code: 'pan_not_hot' }, principles: [{ slug: 'fried-rice-hot-pan', score: 0.71 }] });
    expect(second.video.kind).toBe('proxy');
    expect(second.renders).toHaveLength(1);
    expect(second.renders[0]).toMatchObject({ version: 1, status: 'done' });
    // The links really open (signed, expiring).
    await coachAgent.get(second.video.url).expect(200);
    await coachAgent.get(second.renders[0].url).expect(200);
    expect(res.body.dishes[1].sessions[0]).toMatchObject({ status: 'failed', failedStage: 'ingest', failureReason: 'Not a video.' });
  });

  it('answers 404 for a staff member or an unknown id', async () => {
    await coachAgent.get(`/api/console/cooks/${coach.id}`).expect(404);
    await coachAgent.get(`/api/console/cooks/${randomUUID()}`).expect(404);
    await coachAgent.get('/api/console/cooks/not-a-uuid').expect(400);
  });
});

describe('coach in the chat', () => {
  it("shows the transcript; a coach's reply takes the thread over so the AI stays quiet, until handed back", async () => {
    // The cook asks: the AI is asked to reply.
    const asked = (await cookAgent.post(`/api/rooms/${roomId}/messages`).send({ body: 'パラパラにするには？' }).expect(201)).body.message;
    expect(await replyJobFor(asked.id)).toBeTruthy();
    let chat = (await coachAgent.get(`/api/console/cooks/${cook.id}/chat`).expect(200)).body;
    expect(chat.rooms.map((r: { kind: string }) => r.kind)).toEqual(['my_coaching', 'cooking_videos', 'help']);
    expect(chat.messages.map((m: { author: string; body: string }) => [m.author, m.body])).toEqual([
      ['ai', '📅 今回の問題点…'],
      ['learner', 'パラパラにするには？'],
    ]);
    const listed = (await coachAgent.get('/api/console/cooks').query({ filter: JSON.stringify({ q: marker, awaiting_reply: true }) }).expect(200)).body;
    expect(listed.map((c: { id: string }) => c.id)).toEqual([cook.id]);

    // The coach answers as a human.
    const reply = await coachAgent.post(`/api/console/cooks/${cook.id}/chat/messages`).send({ roomId, body: 'ご飯を先に広げて水分を飛ばしましょう。', sessionId: sessionIds[1] }).expect(201);
    expect(reply.body.message).toMatchObject({ author: 'coach', kind: 'text', authorName: 'Test coach', sessionId: sessionIds[1] });
    expect(reply.body.rooms[0]).toMatchObject({ kind: 'my_coaching', aiPaused: true, pausedBy: { id: coach.id, name: 'Test coach' } });
    // The cook sees it in their room.
    const mine = (await cookAgent.get(`/api/rooms/${roomId}/messages`).expect(200)).body.messages;
    expect(mine.at(-1)).toMatchObject({ author: 'coach', body: 'ご飯を先に広げて水分を飛ばしましょう。' });

    // While the coach holds the thread, the cook's next question queues no AI reply.
    const quiet = (await cookAgent.post(`/api/rooms/${roomId}/messages`).send({ body: 'ありがとうございます！' }).expect(201)).body.message;
    expect(await replyJobFor(quiet.id)).toBeUndefined();

    // Handed back: the AI answers again.
    const back = await coachAgent.post(`/api/console/cooks/${cook.id}/chat/hand-back`).send({ roomId }).expect(200);
    expect(back.body.rooms[0]).toMatchObject({ aiPaused: false, pausedBy: null });
    const again = (await cookAgent.post(`/api/rooms/${roomId}/messages`).send({ body: 'もう一つ質問です。' }).expect(201)).body.message;
    expect(await replyJobFor(again.id)).toBeTruthy();

    const audit = await api.knex('audit_log').where({ entity_type: 'chat_room', entity_id: roomId }).orderBy('id').select('action', 'actor_user_id');
    expect(audit.map((a) => a.action)).toEqual(['chat_room.take_over', 'chat_room.reply', 'chat_room.hand_back']);
    for (const a of audit) expect(a.actor_user_id).toBe(coach.id);
    chat = (await coachAgent.get(`/api/console/cooks/${cook.id}/chat`).query({ roomId }).expect(200)).body;
    expect(chat.messages).toHaveLength(5);
  });

  it('takes over without writing, once; refuses another cook’s room and another cook’s session', async () => {
    await coachAgent.post(`/api/console/cooks/${cook.id}/chat/take-over`).send({ roomId }).expect(200);
    await coachAgent.post(`/api/console/cooks/${cook.id}/chat/take-over`).send({ roomId }).expect(200);
    const takeOvers = await api.knex('audit_log').where({ entity_id: roomId, action: 'chat_room.take_over' }).count({ n: '*' }).first();
    expect(takeOvers).toEqual({ n: 2 }); // one from the reply above, one now
    await coachAgent.post(`/api/console/cooks/${cook.id}/chat/hand-back`).send({ roomId }).expect(200);

    const other = await createTestUser(api.knex, 'learner');
    const otherRoom = (await api.knex('chat_rooms').where({ user_id: other.id, kind: 'my_coaching' }).first('id')).id;
    await coachAgent.post(`/api/console/cooks/${cook.id}/chat/messages`).send({ roomId: otherRoom, body: 'x' }).expect(404);
    await coachAgent.post(`/api/console/cooks/${other.id}/chat/messages`).send({ roomId: otherRoom, body: 'x', sessionId: sessionIds[0] }).expect(404);
    await coachAgent.post(`/api/console/cooks/${cook.id}/chat/messages`).send({ roomId, body: '   ' }).expect(400);
    expect((await api.knex('chat_rooms').where({ id: otherRoom }).first('ai_paused')).ai_paused).toBe(false);
  });
});
