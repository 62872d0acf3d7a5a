import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi } from '../../../test-support/api-harness';

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
  await new Promise((r) => server.close(r));
  await api.close();
});

async function cookieOf(): Promise<string> {
  const user = await createTestUser(api.knex, 'learner');
  const agent = await signIn(api.app, user);
  const res = await agent.post('/api/auth/login').send({ email: user.email, password: user.password });
  return (res.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
}

function open(cookie: string): { response: Promise<Response>; close(): void } {
  const abort = new AbortController();
  return { response: fetch(`${base}/api/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal }), close: () => abort.abort() };
}

describe('live event streams per user', () => {
  it('allows 3 at once; the 4th gets a clear 429; closing one frees its place', async () => {
    const cookie = await cookieOf();
    const streams = [open(cookie), open(cookie), open(cookie)];
    for (const s of streams) expect((await s.response).status).toBe(200);

    const fourth = await open(cookie).response;
    expect(fourth.status).toBe(429);
    const body = (await fourth.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too_many_streams');
    expect(body.error.message).toMatch(/3つまで/);
    expect(body.error.message).toMatch(/At most 3/);

    // Someone else is not affected by this cook's streams.
    const other = open(await cookieOf());
    expect((await other.response).status).toBe(200);
    other.close();

    streams[0]!.close();
    let again: Response | undefined;
    for (let i = 0; i < 50 && again?.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const attempt = open(cookie);
      again = await attempt.response;
      if (again.status === 200) streams.push(attempt);
    }
    expect(again?.status).toBe(200);
    for (const s of streams) s.close();
  });
});
