import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createTestApi, createTestUser, signIn, type TestApi } from '../../../test-support/api-harness';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ LOGIN_RATE_LIMIT_PER_15_MIN: '5' });
});
afterAll(() => api.close());

describe('built-in sign-in', () => {
  it('signs in, reports the user, and signs out for good', async () => {
    const user = await createTestUser(api.knex, 'coach');
    const login = await supertest(api.app).post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
    const setCookie = (login.headers['set-cookie'] as unknown as string[])[0]!;
    expect(setCookie).toMatch(/ajimi_session=.+; Path=\/; Expires=.+; HttpOnly; SameSite=Lax/);
    const cookie = setCookie.split(';')[0]!;

    const me = await supertest(api.app).get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body.user).toEqual({ id: user.id, email: user.email, name: 'Test coach', role: 'coach', locale: 'ja' });

    await supertest(api.app).post('/api/auth/logout').set('Cookie', cookie).expect(204);
    // The same cookie replayed after logout is dead: the session was revoked server-side.
    await supertest(api.app).get('/api/auth/me').set('Cookie', cookie).expect(401);
  });

  it('is case-insensitive on email', async () => {
    const user = await createTestUser(api.knex, 'learner');
    await signIn(api.app, { email: user.email.toUpperCase(), password: user.password });
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const user = await createTestUser(api.knex, 'learner');
    const wrong = await supertest(api.app).post('/api/auth/login').send({ email: user.email, password: 'nope-nope-nope' }).expect(401);
    const unknown = await supertest(api.app).post('/api/auth/login').send({ email: 'nobody@test.ajimi.local', password: 'x' }).expect(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(wrong.body.requestId).toEqual(expect.any(String));
  });

  it('refuses a disabled account', async () => {
    const user = await createTestUser(api.knex, 'learner', { disabled: true });
    const res = await supertest(api.app).post('/api/auth/login').send({ email: user.email, password: user.password }).expect(401);
    expect(res.body.error.code).toBe('account_disabled');
  });

  it('ends a session when it expires', async () => {
    const user = await createTestUser(api.knex, 'learner');
    const agent = await signIn(api.app, user);
    await api.knex('user_sessions').where({ user_id: user.id }).update({ expires_at: new Date(Date.now() - 1000) });
    await agent.get('/api/auth/me').expect(401);
  });

  it('treats a forged or tampered cookie as anonymous', async () => {
    const user = await createTestUser(api.knex, 'admin');
    const res = await supertest(api.app).post('/api/auth/login').send({ email: user.email, password: user.password });
    const value = (res.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!.split('=')[1]!;
    const [sessionId, sig] = value.split('.');
    const forgedId = `${sessionId!.slice(0, -1)}${sessionId!.endsWith('0') ? '1' : '0'}.${sig}`;
    for (const cookie of [`ajimi_session=${forgedId}`, `ajimi_session=${sessionId}.AAAA`, 'ajimi_session=garbage', `ajimi_session=${sessionId}`]) {
      const r = await supertest(api.app).get('/api/auth/me').set('Cookie', cookie).expect(401);
      expect(r.body.error.code).toBe('unauthorized');
    }
  });

  it('validates the body: malformed JSON, unknown fields, wrong types, oversized', async () => {
    const bad = [
      supertest(api.app).post('/api/auth/login').set('Content-Type', 'application/json').send('{"email":'),
      supertest(api.app).post('/api/auth/login').send({ email: 'a@b.co', password: 'x', admin: true }),
      supertest(api.app).post('/api/auth/login').send({ email: 42, password: ['x'] }),
      supertest(api.app).post('/api/auth/login').send({ email: 'a@b.co', password: 'x'.repeat(300_000) }),
    ];
    const [malformed, unknownField, wrongTypes, oversized] = await Promise.all(bad);
    expect([malformed!.status, malformed!.body.error.code]).toEqual([400, 'malformed_json']);
    expect([unknownField!.status, unknownField!.body.error.code]).toEqual([400, 'validation_failed']);
    expect(wrongTypes!.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'password']);
    expect([oversized!.status, oversized!.body.error.code]).toEqual([413, 'body_too_large']);
    for (const r of [malformed, unknownField, wrongTypes, oversized]) expect(JSON.stringify(r!.body)).not.toMatch(/at .+\.ts:\d+/);
  });

  it('rate-limits repeated sign-in attempts for one email', async () => {
    const user = await createTestUser(api.knex, 'learner');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await supertest(api.app).post('/api/auth/login').send({ email: user.email, password: 'wrong' })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await supertest(api.app).post('/api/auth/login').send({ email: user.email, password: user.password });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
  });
});
