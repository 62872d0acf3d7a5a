import { Writable } from 'node:stream';
import { pino } from 'pino';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, type TestApi } from '../../../test-support/api-harness';
import { redactUrl } from '@ajimi/core/log-redaction';

/** Every line the API logs, as written (JSON text), so the test sees exactly what an operator would. */
const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

/** pino-http writes its line when the response finishes, which can be just after the client has it. */
async function loggedLine(part: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const line = lines.find((l) => l.includes(part));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no log line with ${part}`);
}

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({}, { logger: pino({ level: 'info' }, sink) });
});
afterAll(() => api.close());

describe('request logs keep credentials out', () => {
  it('never writes the session cookie set at sign-in, nor the one sent back', async () => {
    const user = await createTestUser(api.knex, 'admin');
    const login = await supertest(api.app).post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    const token = cookie.split('=')[1]!;
    await supertest(api.app).get('/api/auth/me').set('Cookie', cookie).set('Authorization', `Bearer ${token}`).expect(200);

    await loggedLine('/api/auth/me');
    const logged = lines.join('\n');
    expect(logged).toContain('/api/auth/login');
    expect(logged).toContain('/api/auth/me');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(token.split('.')[0]!);
    expect(logged).not.toContain(user.password);
  });

  it('logs a signed media URL without its signature', async () => {
    const key = 'sessions/0b5c3f3e-8a4d-4c1e-9f2a-6d7e8f9a0b1c/poster/2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.jpg';
    await api.storage.put(key, Buffer.from('jpeg'), { contentType: 'image/jpeg' });
    const url = await api.storage.signedUrl(key, { expiresInSeconds: 600 });
    const sig = new URL(url, 'http://x').searchParams.get('sig')!;
    await supertest(api.app).get(url).expect(200);

    const line = await loggedLine('/api/media/sessions/0b5c3f3e');
    expect(line).not.toContain(sig);
    expect(JSON.parse(line).req.url).toMatch(/[?&]sig=\[redacted\]/);
    expect(JSON.parse(line).req.url).toMatch(/[?&]exp=\d+/);
  });
});

describe('redactUrl', () => {
  it('hides signatures and tokens, keeps the rest', () => {
    expect(redactUrl('/api/media/a.mp4?exp=1&sig=abc')).toBe('/api/media/a.mp4?exp=1&sig=[redacted]');
    expect(redactUrl('/x?X-Goog-Signature=ff&X-Goog-Date=1&token=t')).toBe('/x?X-Goog-Signature=[redacted]&X-Goog-Date=1&token=[redacted]');
    expect(redactUrl('/plain')).toBe('/plain');
  });
});
