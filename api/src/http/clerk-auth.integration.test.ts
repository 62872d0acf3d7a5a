/**
 * The Clerk path, with no network: the test is its own Clerk instance. It makes an RSA key pair,
 * signs session tokens the way Clerk does, and gives the API the public key as CLERK_JWT_KEY.
 * Any attempt to reach another host fails the test.
 */
import { createHmac, randomUUID, type KeyObject } from 'node:crypto';
import net from 'node:net';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import express from 'express';
import supertest from 'supertest';
import { createTestApi, createTestUser, type TestApi } from '../../../test-support/api-harness';
import { createClerkStub, type ClerkIdentity } from '../../../test-support/clerk-stub';
import { createClerkResolver, normalisePem } from './clerk-auth';

// ---- no network: only loopback sockets (the test database, supertest's server) may open ----------
const outbound: string[] = [];
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '::ffff:127.0.0.1']);
const originalConnect = net.Socket.prototype.connect;
function targetOf(args: unknown[]): string {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first) {
    const o = first as { host?: string; path?: string; port?: number };
    return o.path ? `unix:${o.path}` : `${o.host ?? 'localhost'}:${o.port ?? ''}`;
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return `unix:${first}`;
  const host = Array.isArray(args[0]) ? undefined : args[1];
  return `${typeof host === 'string' ? host : 'localhost'}:${String(first)}`;
}
beforeAll(() => {
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const target = targetOf(args);
    const host = target.startsWith('unix:') ? 'localhost' : target.slice(0, target.lastIndexOf(':'));
    if (!LOOPBACK.has(host.replace(/^\[|\]$/g, ''))) {
      outbound.push(target);
      process.nextTick(() => this.destroy(new Error(`network access blocked in this test: ${target}`)));
      return this;
    }
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  vi.stubGlobal('fetch', (input: unknown) => {
    outbound.push(`fetch ${String(input instanceof globalThis.Request ? input.url : input)}`);
    return Promise.reject(new Error('network access blocked in this test'));
  });
});
afterAll(() => {
  net.Socket.prototype.connect = originalConnect;
  vi.unstubAllGlobals();
});
afterEach(() => {
  // Checked after every test so a leak is pinned to the test that caused it.
  expect(outbound.splice(0), 'the Clerk path tried to reach the network').toEqual([]);
});

// ---- the test's own Clerk instance (test-support/clerk-stub.ts) -------------------------------------
const APP_ORIGIN = 'https://ajimi.example.test';
const clerk = createClerkStub({ defaultAzp: APP_ORIGIN });
type Identity = ClerkIdentity;
const newIdentity = (role?: string) => clerk.newIdentity(role);
const b64url = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A session token as Clerk issues it for our app, with our template claims (email, name, metadata.role). */
function sessionToken(who: Identity, claims: Record<string, unknown> = {}, options: { key?: KeyObject; header?: Record<string, unknown> } = {}): string {
  return clerk.sessionToken(who, { claims, ...options });
}

// ---- the app, configured for Clerk like main.ts does -------------------------------------------------
const CLERK_ENV = {
  PUBLIC_URL: `${APP_ORIGIN}/`,
  CLERK_SECRET_KEY: clerk.secretKey,
  CLERK_PUBLISHABLE_KEY: clerk.publishableKey,
  // One line with literal \n, as in a .env file or a secret manager.
  CLERK_JWT_KEY: clerk.jwtKeyOneLine,
};
let api: TestApi;
beforeAll(async () => {
  let middleware: RequestHandler = (_req, _res, next) => next(new Error('not ready'));
  api = await createTestApi(CLERK_ENV, { clerk: (req, res, next) => middleware(req, res, next) });
  middleware = createClerkResolver({ knex: api.knex, clerk: api.config.clerk!, publicUrl: api.config.publicUrl });
});
afterAll(() => api.close());

const me = (token?: string) => {
  const req = supertest(api.app).get('/api/auth/me');
  return token === undefined ? req : req.set('Authorization', `Bearer ${token}`);
};

describe('the network guard (self-check)', () => {
  it('records and refuses sockets and fetches to other hosts', async () => {
    const socket = net.connect(443, '203.0.113.7'); // TEST-NET-3: never routable
    const error = await new Promise<Error>((resolve) => socket.on('error', resolve));
    expect(error.message).toMatch(/network access blocked/);
    await expect(fetch('https://api.clerk.com/v1/jwks')).rejects.toThrow(/network access blocked/);
    expect(outbound.splice(0)).toEqual(['203.0.113.7:443', 'fetch https://api.clerk.com/v1/jwks']);
  });
});

describe('Clerk sessions', () => {
  it('Bearer <session token> → a local user, created and linked by clerk_user_id, with the role from metadata', async () => {
    const who = newIdentity('coach');
    const res = await me(sessionToken(who)).expect(200);
    expect(res.body.user).toMatchObject({ email: who.email, name: who.name, role: 'coach' });
    const row = await api.knex('users').where({ clerk_user_id: who.sub }).first();
    expect(row).toMatchObject({ id: res.body.user.id, email: who.email, role: 'coach', password_hash: null, disabled: false });
    // The same identity again is the same user, not a second row.
    const again = await me(sessionToken(who)).expect(200);
    expect(again.body.user.id).toBe(row.id);
    expect(await api.knex('users').where({ clerk_user_id: who.sub }).count<{ count: number }[]>({ count: '*' })).toEqual([{ count: 1 }]);
  });

  it('a learner gets their rooms, and no role in metadata means learner', async () => {
    const who = { ...newIdentity(), role: undefined };
    const token = sessionToken(who);
    const res = await me(token).expect(200);
    expect(res.body.user.role).toBe('learner');
    const rooms = await supertest(api.app).get('/api/rooms').set('Authorization', `Bearer ${token}`).expect(200);
    expect(rooms.body.rooms.map((r: { kind: string }) => r.kind)).toEqual(['my_coaching', 'cooking_videos', 'help']);
  });

  it('links an existing local account by email (any case) instead of creating a duplicate', async () => {
    const local = await createTestUser(api.knex, 'content');
    const who: Identity = { sub: `user_${randomUUID().slice(0, 8)}`, email: local.email.toUpperCase(), name: 'Linked', role: 'content' };
    const res = await me(sessionToken(who)).expect(200);
    expect(res.body.user.id).toBe(local.id);
    expect((await api.knex('users').where({ id: local.id }).first()).clerk_user_id).toBe(who.sub);
  });

  it("a role change in a new token updates the local role (Clerk's metadata is the source of truth)", async () => {
    const who = newIdentity('learner');
    const first = await me(sessionToken(who)).expect(200);
    expect(first.body.user.role).toBe('learner');
    await supertest(api.app).get('/api/console/users').set('Authorization', `Bearer ${sessionToken(who)}`).expect(403);

    const promoted = sessionToken({ ...who, role: 'admin' });
    const second = await me(promoted).expect(200);
    expect(second.body.user).toMatchObject({ id: first.body.user.id, role: 'admin' });
    expect((await api.knex('users').where({ id: first.body.user.id }).first()).role).toBe('admin');
    await supertest(api.app).get('/api/console/users').set('Authorization', `Bearer ${promoted}`).expect(200);

    const demoted = await me(sessionToken({ ...who, role: 'coach' })).expect(200);
    expect(demoted.body.user.role).toBe('coach');
  });

  it('first requests of a new identity arriving together make one local user', async () => {
    const who = newIdentity('learner');
    const token = sessionToken(who);
    const results = await Promise.all(Array.from({ length: 4 }, () => me(token)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.user.id)).size).toBe(1);
    expect(await api.knex('users').where({ clerk_user_id: who.sub }).count<{ count: number }[]>({ count: '*' })).toEqual([{ count: 1 }]);
  });

  it('no token → 401', async () => {
    const res = await me().expect(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['an expired token', () => sessionToken(newIdentity(), { iat: now() - 600, nbf: now() - 600, exp: now() - 60 })],
    ['a token not valid yet (nbf)', () => sessionToken(newIdentity(), { nbf: now() + 600 })],
    ['a token issued in the future (iat)', () => sessionToken(newIdentity(), { iat: now() + 600 })],
    ['a token signed by another key', () => sessionToken(newIdentity('admin'), {}, { key: clerk.otherPrivateKey })],
    ['a token with a tampered payload', () => {
      const [h, , sig] = sessionToken(newIdentity('learner')).split('.');
      return `${h}.${b64url({ sub: 'user_evil', email: 'evil@test.ajimi.local', metadata: { role: 'admin' }, exp: now() + 60 })}.${sig}`;
    }],
    ['an unsigned token (alg none)', () => {
      const t = sessionToken(newIdentity('admin'), {}, { header: { alg: 'none' } }).split('.');
      return `${t[0]}.${t[1]}.`;
    }],
    ['an HS256 token keyed with the public key (algorithm confusion)', () => {
      const head = b64url({ alg: 'HS256', typ: 'JWT', kid: 'ins_test_key' });
      const body = b64url({ sub: 'user_x', email: 'x@test.ajimi.local', metadata: { role: 'admin' }, iat: now(), exp: now() + 60 });
      // HMAC with the PEM as the secret, as a naive verifier would accept.
      return `${head}.${body}.${createHmac('sha256', clerk.jwtKeyPem).update(`${head}.${body}`).digest('base64url')}`;
    }],
    ['a token without the email claim', () => sessionToken({ ...newIdentity('learner'), email: undefined })],
    ['a token with a role we do not have', () => sessionToken(newIdentity('superuser'))],
    ['a token with the wrong header type', () => sessionToken(newIdentity(), {}, { header: { typ: 'at+jwt' } })],
    ['garbage', () => 'not.a.jwt'],
    ['an API-key-looking token', () => `ak_${'x'.repeat(32)}`],
    ['an M2M-looking token', () => `mt_${'x'.repeat(32)}`],
    ['an OAuth-looking token', () => `oat_${'x'.repeat(32)}`],
  ])('%s → 401, and nothing is created', async (_label, make) => {
    const before = await api.knex('users').count<{ count: number }[]>({ count: '*' }).whereNotNull('clerk_user_id');
    const res = await me(make()).expect(401);
    expect(res.body.error.code).toBe('unauthorized');
    const after = await api.knex('users').count<{ count: number }[]>({ count: '*' }).whereNotNull('clerk_user_id');
    expect(after).toEqual(before);
  });

  it('an expired cookie on a fetch from the app → 401, never a redirect', async () => {
    const expired = sessionToken(newIdentity(), { iat: now() - 600, nbf: now() - 600, exp: now() - 60 });
    const res = await supertest(api.app)
      .get('/api/auth/me')
      .set('Accept', 'application/json')
      .set('Sec-Fetch-Dest', 'empty')
      .set('Cookie', `__session=${expired}; __client_uat=${now() - 600}; __clerk_db_jwt=dvb_test`)
      .expect(401);
    expect(res.headers.location).toBeUndefined();
    expect(res.body.error.code).toBe('unauthorized');
  });

  it("an expired cookie on a browser navigation → Clerk's handshake at the instance's Frontend API, as clerkMiddleware does", async () => {
    const expired = sessionToken(newIdentity(), { iat: now() - 600, nbf: now() - 600, exp: now() - 60 });
    const res = await supertest(api.app)
      .get('/api/auth/me')
      .set('Accept', 'text/html,application/xhtml+xml')
      .set('Sec-Fetch-Dest', 'document')
      .set('Cookie', `__session=${expired}; __client_uat=${now() - 600}; __clerk_db_jwt=dvb_test`)
      .expect(307);
    const location = new URL(res.headers.location as string);
    expect(location.origin).toBe(clerk.issuer);
    expect(location.pathname).toBe('/v1/client/handshake');
    expect(new URL(location.searchParams.get('redirect_url')!).pathname).toBe('/api/auth/me');
  });

  it("a browser's Clerk session cookie works too", async () => {
    const who = newIdentity('content');
    const token = sessionToken(who);
    const res = await supertest(api.app)
      .get('/api/auth/me')
      .set('Cookie', `__session=${token}; __client_uat=${now() - 30}; __clerk_db_jwt=dvb_test`)
      .expect(200);
    expect(res.body.user).toMatchObject({ email: who.email, role: 'content' });
  });

  it('a disabled local user → 401', async () => {
    const who = newIdentity('coach');
    await me(sessionToken(who)).expect(200);
    await api.knex('users').where({ clerk_user_id: who.sub }).update({ disabled: true });
    const res = await me(sessionToken(who)).expect(401);
    expect(res.body.error.code).toBe('unauthorized');
    // Disabled stays disabled: the token's claims do not re-enable or re-role the account.
    const row = await api.knex('users').where({ clerk_user_id: who.sub }).first();
    expect(row.disabled).toBe(true);
  });

  it.each([
    ['another app of the same Clerk instance', 'https://other-app.example.test'],
    ['our host on another scheme', 'http://ajimi.example.test'],
    ['our host on another port', 'https://ajimi.example.test:8443'],
    ['no azp at all', undefined],
  ])('a token minted for %s (azp) → 401, and nothing is created', async (_label, azp) => {
    const who = newIdentity('admin');
    const res = await me(clerk.sessionToken(who, { azp: azp as string, claims: azp === undefined ? { azp: undefined } : {} })).expect(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(await api.knex('users').where({ clerk_user_id: who.sub }).first()).toBeUndefined();
    // The same user, with a token minted for this app, is let in.
    await me(clerk.sessionToken(who, { azp: APP_ORIGIN })).expect(200);
  });

  it('GET /api/auth/config tells the front-ends to use Clerk, with the publishable key and nothing secret', async () => {
    const res = await supertest(api.app).get('/api/auth/config').expect(200);
    expect(res.body).toEqual({ mode: 'clerk', publishableKey: clerk.publishableKey });
    expect(JSON.stringify(res.body)).not.toContain(clerk.secretKey);
  });

  it('password sign-in is off: POST /api/auth/login → 404', async () => {
    const local = await createTestUser(api.knex, 'admin');
    const res = await supertest(api.app).post('/api/auth/login').send({ email: local.email, password: local.password }).expect(404);
    expect(res.body.error.code).toBe('not_found');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('a built-in session cookie (from a server without Clerk) means nothing here', async () => {
    const plain = await createTestApi();
    try {
      const local = await createTestUser(plain.knex, 'admin');
      const login = await supertest(plain.app).post('/api/auth/login').send({ email: local.email, password: local.password }).expect(200);
      const cookie = (login.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
      await supertest(plain.app).get('/api/auth/me').set('Cookie', cookie).expect(200);
      await supertest(api.app).get('/api/auth/me').set('Cookie', cookie).expect(401);
    } finally {
      await plain.close();
    }
  });
});

describe('createClerkResolver', () => {
  const make = (clerkConfig: Partial<NonNullable<TestApi['config']['clerk']>>) =>
    createClerkResolver({
      knex: api.knex,
      clerk: { secretKey: clerk.secretKey, publishableKey: clerk.publishableKey, jwtKey: clerk.jwtKeyPem, ...clerkConfig },
      publicUrl: APP_ORIGIN,
    });

  it('refuses to start without a publishable key, instead of failing every request', () => {
    expect(() => make({ publishableKey: undefined })).toThrow(/CLERK_PUBLISHABLE_KEY/);
  });

  it('refuses to start with a CLERK_JWT_KEY that is not a PEM public key, instead of refusing every token in silence', () => {
    expect(() => make({ jwtKey: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' })).toThrow(/CLERK_JWT_KEY/);
    expect(() => make({ jwtKey: clerk.jwtKeyPem.replace('PUBLIC KEY', 'PRIVATE KEY') })).toThrow(/CLERK_JWT_KEY/);
  });

  it('takes the PEM with real newlines, on one line with literal \\n, or with \\r\\n', async () => {
    expect(normalisePem(clerk.jwtKeyOneLine)).toBe(clerk.jwtKeyPem.trim());
    expect(normalisePem(clerk.jwtKeyPem.trim().replace(/\n/g, '\\r\\n'))).toBe(clerk.jwtKeyPem.trim());
    for (const jwtKey of [clerk.jwtKeyPem, clerk.jwtKeyOneLine]) {
      const app = express().use(make({ jwtKey }), (req, res) => res.json({ user: req.user ?? null }));
      app.use(((err, _req, res, _next) => res.status(500).json({ error: String(err) })) as ErrorRequestHandler);
      const who = newIdentity('coach');
      const res = await supertest(app).get('/').set('Authorization', `Bearer ${sessionToken(who)}`);
      expect(res.body.error).toBeUndefined();
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ email: who.email, role: 'coach' });
    }
  });
});

describe('without Clerk', () => {
  it('GET /api/auth/config → password mode, and password sign-in works as before', async () => {
    const plain = await createTestApi();
    try {
      await supertest(plain.app).get('/api/auth/config').expect(200, { mode: 'password' });
      const local = await createTestUser(plain.knex, 'learner');
      await supertest(plain.app).post('/api/auth/login').send({ email: local.email, password: local.password }).expect(200);
    } finally {
      await plain.close();
    }
  });
});
