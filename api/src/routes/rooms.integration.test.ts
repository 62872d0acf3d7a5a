import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../test-support/api-harness';

type Agent = Awaited<ReturnType<typeof signIn>>;
type Author = 'learner' | 'ai' | 'coach';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

async function roomsOf(userId: string): Promise<Record<string, string>> {
  const rows = await api.knex('chat_rooms').where({ user_id: userId }).select('id', 'kind');
  return Object.fromEntries(rows.map((r: { id: string; kind: string }) => [r.kind, r.id]));
}

async function post(
  roomId: string,
  messages: Array<{ author: Author; body: string; at?: Date; read?: boolean; kind?: string; payload?: object }>,
): Promise<string[]> {
  const rows = await api
    .knex('chat_messages')
    .insert(
      messages.map((m) => ({
        room_id: roomId,
        author_kind: m.author,
        kind: m.kind ?? 'text',
        body: m.body,
        payload: JSON.stringify(m.payload ?? {}),
        ...(m.at ? { created_at: m.at } : {}),
        read_at: m.read ? new Date() : null,
      })),
    )
    .returning('id');
  return rows.map((r: { id: string }) => r.id);
}

async function learner(): Promise<{ user: TestUser; agent: Agent; rooms: Record<string, string> }> {
  const user = await createTestUser(api.knex, 'learner');
  return { user, agent: await signIn(api.app, user), rooms: await roomsOf(user.id) };
}

interface Message {
  id: string;
  body: string;
  createdAt: string;
}

describe('GET /api/rooms', () => {
  it("lists exactly the learner's three rooms, in product order, whatever order they were created in", async () => {
    const user = await createTestUser(api.knex, 'learner');
    await api.knex('chat_rooms').where({ user_id: user.id }).delete();
    for (const kind of ['help', 'cooking_videos', 'my_coaching']) await api.knex('chat_rooms').insert({ user_id: user.id, kind });
    const other = await learner(); // someone else's rooms never show up
    await post(other.rooms.my_coaching!, [{ author: 'ai', body: 'not yours' }]);

    const res = await (await signIn(api.app, user)).get('/api/rooms').expect(200);
    const rooms = await roomsOf(user.id);
    expect(res.body).toEqual({
      rooms: [
        { id: rooms.my_coaching, kind: 'my_coaching', unread: 0, lastMessageAt: null, lastMessagePreview: null },
        { id: rooms.cooking_videos, kind: 'cooking_videos', unread: 0, lastMessageAt: null, lastMessagePreview: null },
        { id: rooms.help, kind: 'help', unread: 0, lastMessageAt: null, lastMessagePreview: null },
      ],
    });
  });

  it('creates the rooms of a learner who has none yet, once', async () => {
    const user = await createTestUser(api.knex, 'learner');
    await api.knex('chat_rooms').where({ user_id: user.id }).delete();
    const agent = await signIn(api.app, user);
    const [a, b] = await Promise.all([agent.get('/api/rooms').expect(200), agent.get('/api/rooms').expect(200)]);
    expect(a.body.rooms.map((r: { kind: string }) => r.kind)).toEqual(['my_coaching', 'cooking_videos', 'help']);
    expect(b.body).toEqual(a.body);
    expect(await api.knex('chat_rooms').where({ user_id: user.id }).count<{ count: number }[]>({ count: '*' })).toEqual([{ count: 3 }]);
  });

  it("counts unread messages from the AI and coaches (never the learner's own) and previews the latest", async () => {
    const { agent, rooms } = await learner();
    await post(rooms.my_coaching!, [
      { author: 'ai', kind: 'coaching_text', body: '📅 coaching text', at: at(1) },
      { author: 'coach', body: 'read already', at: at(2), read: true },
      { author: 'coach', body: 'from the chef', at: at(3) },
      { author: 'learner', body: 'thanks! what about the rice?', at: at(4) },
    ]);
    const long = '火加減'.repeat(60); // 180 characters
    await post(rooms.cooking_videos!, [
      { author: 'learner', kind: 'video', body: 'my upload', at: at(5) },
      { author: 'ai', kind: 'system', body: long, at: at(6) },
    ]);

    const res = await agent.get('/api/rooms').expect(200);
    const [coaching, videos, help] = res.body.rooms;
    expect(coaching).toMatchObject({ kind: 'my_coaching', unread: 2, lastMessageAt: at(4).toISOString(), lastMessagePreview: 'thanks! what about the rice?' });
    expect(videos).toMatchObject({ kind: 'cooking_videos', unread: 1, lastMessageAt: at(6).toISOString() });
    expect(videos.lastMessagePreview).toBe(long.slice(0, 140));
    expect(help).toMatchObject({ kind: 'help', unread: 0, lastMessageAt: null, lastMessagePreview: null });
  });

  it('refuses anonymous callers (401) and staff (403)', async () => {
    await supertest(api.app).get('/api/rooms').expect(401);
    for (const role of ['coach', 'content', 'admin'] as const) {
      const agent = await signIn(api.app, await createTestUser(api.knex, role));
      const res = await agent.get('/api/rooms').expect(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });
});

describe('GET /api/rooms/:roomId/messages', () => {
  it('returns messages oldest first, with every field, bodies verbatim (markup included)', async () => {
    const { agent, rooms } = await learner();
    const script = '<script>alert("x")</script> & <b>bold</b> "quotes" \u2028 絵文字🍳';
    const ids = await post(rooms.help!, [
      { author: 'learner', body: 'question', at: at(2) },
      { author: 'ai', body: script, at: at(3), payload: { sources: ['p1'] } },
      { author: 'coach', body: 'first', at: at(1) },
    ]);
    const res = await agent.get(`/api/rooms/${rooms.help}/messages`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.messages).toEqual([
      { id: ids[2], kind: 'text', author: 'coach', body: 'first', payload: {}, sessionId: null, createdAt: at(1).toISOString() },
      { id: ids[0], kind: 'text', author: 'learner', body: 'question', payload: {}, sessionId: null, createdAt: at(2).toISOString() },
      { id: ids[1], kind: 'text', author: 'ai', body: script, payload: { sources: ['p1'] }, sessionId: null, createdAt: at(3).toISOString() },
    ]);
    // The API returns data; escaping is the client's job. It must not have been altered on the way.
    expect(res.text).toContain(JSON.stringify(script).slice(1, 20));
  });

  it('an empty room is an empty list', async () => {
    const { agent, rooms } = await learner();
    const res = await agent.get(`/api/rooms/${rooms.cooking_videos}/messages`).expect(200);
    expect(res.body).toEqual({ messages: [] });
  });

  it('pages backwards with limit and before=<oldest message id>, each message exactly once', async () => {
    const { agent, rooms } = await learner();
    const ids = await post(
      rooms.my_coaching!,
      Array.from({ length: 7 }, (_, i) => ({ author: 'ai' as const, body: `m${i}`, at: at(i) })),
    );
    const page1 = (await agent.get(`/api/rooms/${rooms.my_coaching}/messages?limit=3`).expect(200)).body.messages as Message[];
    expect(page1.map((m) => m.body)).toEqual(['m4', 'm5', 'm6']);
    const page2 = (await agent.get(`/api/rooms/${rooms.my_coaching}/messages`).query({ limit: 3, before: page1[0]!.id }).expect(200)).body
      .messages as Message[];
    expect(page2.map((m) => m.body)).toEqual(['m1', 'm2', 'm3']);
    const page3 = (await agent.get(`/api/rooms/${rooms.my_coaching}/messages`).query({ limit: 3, before: page2[0]!.id }).expect(200)).body
      .messages as Message[];
    expect(page3.map((m) => m.body)).toEqual(['m0']);
    expect(page3[0]!.id).toBe(ids[0]);
    const page4 = await agent.get(`/api/rooms/${rooms.my_coaching}/messages`).query({ limit: 3, before: page3[0]!.id }).expect(200);
    expect(page4.body.messages).toEqual([]);
  });

  it('also pages by before=<ISO time>, strictly older than it', async () => {
    const { agent, rooms } = await learner();
    await post(rooms.my_coaching!, Array.from({ length: 5 }, (_, i) => ({ author: 'coach' as const, body: `t${i}`, at: at(i) })));
    const res = await agent.get(`/api/rooms/${rooms.my_coaching}/messages`).query({ before: at(3).toISOString(), limit: 2 }).expect(200);
    expect(res.body.messages.map((m: Message) => m.body)).toEqual(['t1', 't2']);
    const offset = await agent.get(`/api/rooms/${rooms.my_coaching}/messages`).query({ before: '2026-03-01T18:03:00+09:00' }).expect(200);
    expect(offset.body.messages.map((m: Message) => m.body)).toEqual(['t0', 't1', 't2']);
  });

  it('messages posted at the same instant (one transaction) are neither lost nor repeated across pages', async () => {
    const { agent, rooms } = await learner();
    await post(rooms.cooking_videos!, [{ author: 'learner', body: 'before', at: at(0) }]);
    // One insert = one now(): five messages share a timestamp, as when a stage posts text + video together.
    await post(rooms.cooking_videos!, Array.from({ length: 5 }, (_, i) => ({ author: 'ai' as const, body: `same${i}` })));
    await post(rooms.cooking_videos!, [{ author: 'learner', body: 'after', at: new Date(Date.now() + 60_000) }]);

    const seen: Message[] = [];
    let before: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const res = await agent
        .get(`/api/rooms/${rooms.cooking_videos}/messages`)
        .query({ limit: 2, ...(before ? { before } : {}) })
        .expect(200);
      const page = res.body.messages as Message[];
      if (!page.length) break;
      seen.unshift(...page);
      before = page[0]!.id;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen.map((m) => m.id)).size).toBe(7);
    expect(seen[0]!.body).toBe('before');
    expect(seen[6]!.body).toBe('after');
    // The whole list in one page is in the same order as the pages stitched together.
    const all = await agent.get(`/api/rooms/${rooms.cooking_videos}/messages`).expect(200);
    expect(all.body.messages.map((m: Message) => m.id)).toEqual(seen.map((m) => m.id));
  });

  it('defaults to the newest 50 and accepts a limit of 1..200', async () => {
    const { agent, rooms } = await learner();
    await post(rooms.help!, Array.from({ length: 205 }, (_, i) => ({ author: 'ai' as const, body: `n${i}`, at: at(i) })));
    const dflt = await agent.get(`/api/rooms/${rooms.help}/messages`).expect(200);
    expect(dflt.body.messages).toHaveLength(50);
    expect(dflt.body.messages[49].body).toBe('n204');
    expect(dflt.body.messages[0].body).toBe('n155');
    const one = await agent.get(`/api/rooms/${rooms.help}/messages?limit=1`).expect(200);
    expect(one.body.messages.map((m: Message) => m.body)).toEqual(['n204']);
    const max = await agent.get(`/api/rooms/${rooms.help}/messages?limit=200`).expect(200);
    expect(max.body.messages).toHaveLength(200);
  });

  describe('bad query parameters', () => {
    let shared: Awaited<ReturnType<typeof learner>>;
    beforeAll(async () => {
      shared = await learner();
    });
    it.each([
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=-5', 'limit'],
      ['limit=1.5', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=', 'limit'],
      ['before=yesterday', 'before'],
      ['before=2026-03-01', 'before'],
      ['before=1700000000', 'before'],
      ['offset=10', ''],
      ['limit=1&limit=2', 'limit'],
    ])('refuses %s with 400 validation_failed', async (query, path) => {
      const res = await shared.agent.get(`/api/rooms/${shared.rooms.help}/messages?${query}`).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    });
  });

  it("another learner's room answers 404, exactly like a room that does not exist", async () => {
    const a = await learner();
    const b = await learner();
    await post(a.rooms.my_coaching!, [{ author: 'ai', body: 'private to A' }]);
    const theirs = await b.agent.get(`/api/rooms/${a.rooms.my_coaching}/messages`).expect(404);
    const missing = await b.agent.get(`/api/rooms/${randomUUID()}/messages`).expect(404);
    expect(theirs.body.error).toEqual(missing.body.error);
    expect(theirs.text).not.toContain('private to A');
    // Paging with a cursor taken from someone else's room leaks nothing either.
    const [foreignMessage] = await api.knex('chat_messages').where({ room_id: a.rooms.my_coaching }).pluck('id');
    const cursor = await b.agent.get(`/api/rooms/${b.rooms.my_coaching}/messages`).query({ before: foreignMessage }).expect(200);
    expect(cursor.body.messages).toEqual([]);
  });

  it('a room id that is not a uuid is a 400', async () => {
    const { agent } = await learner();
    const res = await agent.get('/api/rooms/my_coaching/messages').expect(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});

/** A session of `userId` with a stored render and poster, as the delivery stage leaves them. */
async function deliveredMedia(userId: string): Promise<{ sessionId: string; videoAssetId: string; posterAssetId: string; videoKey: string }> {
  const dish = await api.knex('dishes').first('id');
  const attempt = 1 + Number((await api.knex('cooking_sessions').where({ user_id: userId }).max('attempt_number as n').first())?.n ?? 0);
  const [session] = await api.knex('cooking_sessions').insert({ user_id: userId, dish_id: dish.id, attempt_number: attempt, status: 'delivered' }).returning('id');
  const asset = async (kind: string, ext: string, bytes: Buffer, contentType: string) => {
    const key = `sessions/${session.id}/${kind}/${randomUUID()}.${ext}`;
    await api.storage.put(key, bytes, { contentType });
    const [row] = await api.knex('media_assets')
      .insert({ owner_user_id: userId, session_id: session.id, kind, storage_driver: 'local', storage_key: key, content_type: contentType, size_bytes: bytes.length, probe: JSON.stringify({ durationSec: 91.5 }) })
      .returning('id');
    return { id: row.id as string, key };
  };
  const video = await asset('render', 'mp4', Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256)), 'video/mp4');
  const poster = await asset('poster', 'jpg', Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'image/jpeg');
  return { sessionId: session.id, videoAssetId: video.id, posterAssetId: poster.id, videoKey: video.key };
}

describe('video messages', () => {
  it('carry short-lived signed URLs to the cook’s own render and poster; the video seeks (Range)', async () => {
    const { user, agent, rooms } = await learner();
    const m = await deliveredMedia(user.id);
    const [id] = await post(rooms.my_coaching!, [
      { author: 'coach', kind: 'video', body: 'Your coaching video', payload: { sessionId: m.sessionId, renderId: randomUUID(), videoAssetId: m.videoAssetId, posterAssetId: m.posterAssetId, durationSec: 90 } },
    ]);
    const before = Date.now();
    const res = await agent.get(`/api/rooms/${rooms.my_coaching}/messages`).expect(200);
    const message = res.body.messages.find((x: { id: string }) => x.id === id);
    expect(message.media).toMatchObject({ durationSec: 90, videoUrl: expect.stringMatching(/^\/api\/media\/sessions\//), posterUrl: expect.stringMatching(/^\/api\/media\//) });
    const expires = Date.parse(message.media.expiresAt);
    expect(expires - before).toBeGreaterThan(25 * 60_000);
    expect(expires - before).toBeLessThanOrEqual(31 * 60_000);

    const anyone = supertest(api.app);
    const range = await anyone.get(message.media.videoUrl).set('Range', 'bytes=1000-1999').expect(206);
    expect(range.headers['content-range']).toBe('bytes 1000-1999/4096');
    expect(range.body.length ?? Buffer.byteLength(range.text ?? '')).toBe(1000);
    await anyone.get(message.media.posterUrl).expect(200);
    // A forged or reused-for-another-file signature is refused.
    const other = message.media.videoUrl.replace(m.videoKey, m.videoKey.replace(/\.mp4$/, '.mov'));
    await anyone.get(other).expect(403);
  });

  it('never signs someone else’s media, whatever ids a payload names', async () => {
    const a = await learner();
    const b = await learner();
    const theirs = await deliveredMedia(b.user.id);
    const mine = await deliveredMedia(a.user.id);
    const ids = await post(a.rooms.my_coaching!, [
      { author: 'coach', kind: 'video', body: 'b’s video', payload: { sessionId: theirs.sessionId, videoAssetId: theirs.videoAssetId, posterAssetId: theirs.posterAssetId } },
      // My own session, but the poster of someone else's: the video is signed, the poster is not.
      { author: 'coach', kind: 'video', body: 'mixed', payload: { sessionId: mine.sessionId, videoAssetId: mine.videoAssetId, posterAssetId: theirs.posterAssetId } },
      { author: 'coach', kind: 'video', body: 'garbage', payload: { sessionId: 'x', videoAssetId: 42 } },
    ]);
    const res = await a.agent.get(`/api/rooms/${a.rooms.my_coaching}/messages`).expect(200);
    const byId = new Map(res.body.messages.map((x: { id: string }) => [x.id, x]));
    expect(byId.get(ids[0])).toMatchObject({ media: null });
    expect(byId.get(ids[1])).toMatchObject({ media: { posterUrl: null, videoUrl: expect.any(String), durationSec: 91.5 } });
    expect(byId.get(ids[2])).toMatchObject({ media: null });
    expect(res.text).not.toContain(theirs.sessionId + '/render');
  });
});

describe('POST /api/rooms/:roomId/read', () => {
  it('marks the other side’s messages read; someone else’s room is a 404', async () => {
    const a = await learner();
    const b = await learner();
    await post(a.rooms.my_coaching!, [{ author: 'ai', body: 'one' }, { author: 'coach', body: 'two' }, { author: 'learner', body: 'mine' }]);
    expect((await a.agent.get('/api/rooms').expect(200)).body.rooms[0].unread).toBe(2);
    await b.agent.post(`/api/rooms/${a.rooms.my_coaching}/read`).send({}).expect(404);
    expect((await a.agent.get('/api/rooms').expect(200)).body.rooms[0].unread).toBe(2);
    await a.agent.post(`/api/rooms/${a.rooms.my_coaching}/read`).send({}).expect(204);
    expect((await a.agent.get('/api/rooms').expect(200)).body.rooms[0].unread).toBe(0);
    await a.agent.post(`/api/rooms/${a.rooms.my_coaching}/read`).send({ all: true }).expect(400);
  });
});

describe('POST /api/rooms/:roomId/messages', () => {
  it('queues an AI reply in My Coaching, but a Help message waits for a human coach', async () => {
    const { agent, rooms } = await learner();
    const coaching = await agent.post(`/api/rooms/${rooms.my_coaching}/messages`).send({ body: 'How hot should the pan be?' }).expect(201);
    expect(coaching.body.message).toMatchObject({ author: 'learner', kind: 'text', awaiting: 'ai' });
    const help = await agent.post(`/api/rooms/${rooms.help}/messages`).send({ body: 'I need a person' }).expect(201);
    expect(help.body.message).toMatchObject({ awaiting: 'coach' });
    const jobs = await api.knex('pgboss.job').where({ name: 'reply' }).whereIn('singleton_key', [coaching.body.message.id, help.body.message.id]).pluck('singleton_key');
    expect(jobs).toEqual([coaching.body.message.id]);
  });
});
