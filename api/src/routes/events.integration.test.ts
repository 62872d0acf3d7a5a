import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../test-support/api-harness';

let api: TestApi;
let server: Server;
let base: string;

beforeAll(async () => {
  api = await createTestApi();
  server = api.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await api.close();
});

async function cookieOf(user: TestUser): Promise<string> {
  const res = await (await signIn(api.app, user)).post('/api/auth/login').send({ email: user.email, password: user.password });
  return (res.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
}

interface Event {
  id?: string;
  event: string;
  data: Record<string, unknown>;
}

/** Opens the stream with fetch and collects parsed events until `until` is satisfied (or times out). */
async function listen(cookie: string, until: (events: Event[]) => boolean, options: { lastEventId?: string; act?: () => Promise<void> } = {}): Promise<{ events: Event[]; headers: Headers }> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events`, {
    headers: { cookie, accept: 'text/event-stream', ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}) },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const events: Event[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const timeout = setTimeout(() => controller.abort(), 15_000);
  let acted = false;
  try {
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':') && l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
        if (fields.event) events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data ?? '{}') });
      }
      if (!acted && events.some((e) => e.event === 'ready') && options.act) {
        acted = true;
        await options.act();
      }
    }
  } finally {
    clearTimeout(timeout);
    controller.abort();
  }
  return { events, headers: res.headers };
}

describe('GET /api/events (server-sent events)', () => {
  it('streams the cook’s new messages and session status changes, and nobody else’s', async () => {
    const cook = await createTestUser(api.knex, 'learner');
    const other = await createTestUser(api.knex, 'learner');
    const room = await api.knex('chat_rooms').where({ user_id: cook.id, kind: 'my_coaching' }).first('id');
    const otherRoom = await api.knex('chat_rooms').where({ user_id: other.id, kind: 'my_coaching' }).first('id');
    const dish = await api.knex('dishes').first('id');
    const [session] = await api.knex('cooking_sessions').insert({ user_id: cook.id, dish_id: dish.id, attempt_number: 1, status: 'uploaded' }).returning('id');

    const { events, headers } = await listen(
      await cookieOf(cook),
      (evs) => evs.some((e) => e.event === 'message' && e.data.body === 'your coaching') && evs.some((e) => e.event === 'session' && e.data.status === 'analyzing'),
      {
        act: async () => {
          await api.knex('chat_messages').insert({ room_id: otherRoom.id, kind: 'text', author_kind: 'ai', body: 'not for you' });
          await api.knex('cooking_sessions').where({ id: session.id }).update({ status: 'analyzing', updated_at: api.knex.fn.now() });
          await api.knex('chat_messages').insert({ room_id: room.id, session_id: session.id, kind: 'coaching_text', author_kind: 'ai', body: 'your coaching' });
        },
      },
    );
    expect(headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(events[0]).toMatchObject({ event: 'ready', data: { resumed: false } });
    const message = events.find((e) => e.event === 'message')!;
    expect(message.data).toMatchObject({ roomId: room.id, kind: 'coaching_text', author: 'ai', sessionId: session.id });
    expect(events.find((e) => e.event === 'session')!.data).toMatchObject({ id: session.id, status: 'analyzing', attemptNumber: 1 });
    expect(JSON.stringify(events)).not.toContain('not for you');
    // Each message once.
    expect(events.filter((e) => e.event === 'message' && e.data.body === 'your coaching')).toHaveLength(1);
    expect(Date.parse(message.id!)).not.toBeNaN();
  });

  it('resumes from Last-Event-ID: what happened while disconnected is delivered', async () => {
    const cook = await createTestUser(api.knex, 'learner');
    const cookie = await cookieOf(cook);
    const room = await api.knex('chat_rooms').where({ user_id: cook.id, kind: 'help' }).first('id');
    const first = await listen(cookie, (evs) => evs.some((e) => e.event === 'ready'));
    const cursor = first.events[0]!.id!;
    await api.knex('chat_messages').insert({ room_id: room.id, kind: 'text', author_kind: 'coach', body: 'while you were away' });
    const second = await listen(cookie, (evs) => evs.some((e) => e.event === 'message'), { lastEventId: cursor });
    expect(second.events[0]).toMatchObject({ event: 'ready', data: { resumed: true } });
    expect(second.events.find((e) => e.event === 'message')!.data).toMatchObject({ body: 'while you were away', author: 'coach' });
  });

  it('is for signed-in cooks only', async () => {
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
    const coach = await cookieOf(await createTestUser(api.knex, 'coach'));
    const res = await fetch(`${base}/api/events`, { headers: { cookie: coach } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });
});
