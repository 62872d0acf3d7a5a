import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, type TestApi } from '../../../test-support/api-harness';
import { backoffSeconds } from '@ajimi/core/services/auth/login-throttle';

let api: TestApi;
let direct: TestApi;
beforeAll(async () => {
  // The per-process limiter out of the way (high), so only the per-account throttle is measured; one proxy in front.
  api = await createTestApi({ LOGIN_RATE_LIMIT_PER_15_MIN: '1000', TRUST_PROXY_HOPS: '1' });
  direct = await createTestApi({ LOGIN_RATE_LIMIT_PER_15_MIN: '3' });
});
afterAll(async () => {
  await api.close();
  await direct.close();
});

const login = (app: TestApi['app'], body: object, ip?: string) => {
  const req = supertest(app).post('/api/auth/login');
  if (ip) req.set('X-Forwarded-For', ip);
  return req.send(body);
};

describe('sign-in throttling per account', () => {
  it('counts failures per account across addresses and API processes, then backs off, even for the right password', async () => {
    const user = await createTestUser(api.knex, 'admin');
    const apps = [api.app, api.restartApp()];
    for (let i = 0; i < 5; i++) {
      // A different client address and a different API process each time: the count is the account's.
      await login(apps[i % 2]!, { email: user.email.toUpperCase(), password: `guess-${i}` }, `203.0.113.${i + 1}`).expect(401);
    }
    const locked = await login(api.restartApp(), { email: user.email, password: user.password }, '198.51.100.9').expect(429);
    expect(locked.body.error.code).toBe('login_throttled');
    expect(locked.body.error.message).toMatch(/サインインできません/);
    expect(locked.body.error.message).toMatch(/try again in \d+ s/);
    expect(locked.body.error.details.retryAfterSeconds).toBeGreaterThan(20);
    expect(locked.body.error.details.retryAfterSeconds).toBeLessThanOrEqual(30);

    // Once the delay has passed (moved back here), the right password signs in and clears the count.
    await api.knex('login_throttles').where({ account: user.email }).update({ locked_until: new Date(Date.now() - 1000) });
    await login(api.app, { email: user.email, password: user.password }).expect(200);
    expect(await api.knex('login_throttles').where({ account: user.email }).first()).toBeUndefined();
  });

  it('guesses sent all at once are counted one after another: only the free attempts reach the password check', async () => {
    const user = await createTestUser(api.knex, 'learner');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(api.app, { email: user.email, password: `guess-${i}` }, `192.0.2.${i + 1}`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('throttles unknown e-mails the same way (no account enumeration)', async () => {
    for (let i = 0; i < 5; i++) await login(api.app, { email: 'nobody-throttle@test.ajimi.local', password: 'x' }).expect(401);
    expect((await login(api.app, { email: 'nobody-throttle@test.ajimi.local', password: 'x' })).body.error.code).toBe('login_throttled');
  });

  it('doubles the delay after each further failure, up to 15 minutes', () => {
    expect([4, 5, 6, 7, 8, 20].map((n) => backoffSeconds(n))).toEqual([0, 30, 60, 120, 240, 900]);
  });
});

describe('trust proxy', () => {
  it('with no proxy configured, a client cannot pick its own address with X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await login(direct.app, { email: 'spoof@test.ajimi.local', password: 'x' }, `198.18.0.${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('with one proxy, only the address that proxy added counts', async () => {
    const oneHop = await createTestApi({ LOGIN_RATE_LIMIT_PER_15_MIN: '3', TRUST_PROXY_HOPS: '1' });
    try {
      const statuses: number[] = [];
      // The client writes anything it likes first; the proxy appends the address it saw.
      for (let i = 0; i < 4; i++) statuses.push((await login(oneHop.app, { email: 'spoof2@test.ajimi.local', password: 'x' }, `10.9.9.${i + 1}, 203.0.113.77`)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await oneHop.close();
    }
  });
});
