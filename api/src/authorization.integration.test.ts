/// <reference types="vite/client" />
/**
 * Who may call what: every route under /api × every kind of caller → the status they get.
 * Adding a route means adding a row here; the router walk at the bottom fails until you do.
 */
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { beatWorker, removeWorker } from '@ajimi/core/data/worker-heartbeats';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../test-support/api-harness';

import { CALLERS, s, type AreaMatrix, type Caller, type Fixtures, type Row } from '../../test-support/authorization/matrix';

// Each area's rows (reviews, knowledge, operations…) live in test-support/authorization/<area>.matrix.ts.
const AREAS = Object.values(import.meta.glob<AreaMatrix>('../../test-support/authorization/*.matrix.ts', { eager: true, import: 'matrix' }));

const MATRIX: Row[] = [
  //                                                                  anon   A     B   coach content admin
  { route: 'GET /api/health',                            expect: s([200, 200, 200, 200, 200, 200]) },
  { route: 'GET /api/health/live',                       expect: s([200, 200, 200, 200, 200, 200]) },
  { route: 'GET /api/openapi.json',                       expect: s([200, 200, 200, 200, 200, 200]) },
  { route: 'GET /api/auth/config',                       expect: s([200, 200, 200, 200, 200, 200]) },
  { route: 'POST /api/auth/login', body: () => ({}),     expect: s([400, 400, 400, 400, 400, 400]) },
  { route: 'POST /api/auth/logout', endsSession: true,   expect: s([204, 204, 204, 204, 204, 204]) },
  { route: 'GET /api/auth/me',                           expect: s([401, 200, 200, 200, 200, 200]) },
  { route: 'GET /api/rooms',                             expect: s([401, 200, 200, 403, 403, 403]) },
  { route: 'GET /api/rooms/:roomId/messages',            expect: s([401, 200, 404, 403, 403, 403]) },
  { route: 'POST /api/rooms/:roomId/messages', body: () => ({ body: 'a question' }),
                                                         expect: s([401, 201, 404, 403, 403, 403]) },
  { route: 'POST /api/sessions', body: () => ({}),       expect: s([401, 400, 400, 403, 403, 403]) },
  { route: 'GET /api/sessions',                          expect: s([401, 200, 200, 403, 403, 403]) },
  { route: 'GET /api/sessions/:id', request: (f) => `GET /api/sessions/${f.sessionId}`,
                                                         expect: s([401, 200, 404, 403, 403, 403]) },
  { route: 'GET /api/dishes',                            expect: s([401, 200, 200, 403, 403, 403]) },
  { route: 'USE /api/uploads', request: 'POST /api/uploads', code: '',
                                                         expect: s([401, 412, 412, 403, 403, 403]) },
  { route: 'GET /api/push/public-key',                   expect: s([401, 200, 200, 200, 200, 200]) },
  { route: 'POST /api/push/subscriptions', body: pushSubscription,
                                                         expect: s([401, 201, 201, 201, 201, 201]) },
  { route: 'DELETE /api/push/subscriptions', body: () => ({ endpoint: 'https://push.example.test/gone' }),
                                                         expect: s([401, 204, 204, 204, 204, 204]) },
  { route: 'GET /api/console/users',                     expect: s([401, 403, 403, 403, 403, 200]) },
  { route: 'POST /api/console/users', body: newUser,     expect: s([401, 403, 403, 403, 403, 201]) },
  { route: 'GET /api/console/users/:id',                 expect: s([401, 403, 403, 403, 403, 200]) },
  { route: 'PUT /api/console/users/:id', body: rename,   expect: s([401, 403, 403, 403, 403, 200]) },
  { route: 'DELETE /api/console/users/:id',              expect: s([401, 403, 403, 403, 403, 200]) },
  // Media files are capabilities: a valid signature is the only credential, sessions do not matter.
  { route: 'GET /api/media/{*key}', request: (f) => `GET ${f.signedMediaUrl}`,
                                                         expect: s([200, 200, 200, 200, 200, 200]) },
  { route: null, request: (f) => `GET /api/media/${f.mediaKey}`, code: 'bad_signature',
                                                         expect: s([403, 403, 403, 403, 403, 403]) },
  { route: 'ALL /api/media/{*key}', request: (f) => `POST /api/media/${f.mediaKey}`, code: 'method_not_allowed',
                                                         expect: s([405, 405, 405, 405, 405, 405]) },
  // No such routes: the console gate still answers first; elsewhere a plain 404.
  { route: null, request: 'GET /api/console/whatever',   expect: s([401, 403, 403, 404, 404, 404]) },
  { route: null, request: 'POST /api/rooms',             expect: s([401, 404, 404, 403, 403, 403]) },
  { route: null, request: 'GET /api/nope',               expect: s([404, 404, 404, 404, 404, 404]) },
  ...AREAS.flatMap((area) => area.rows),
];

function newUser(): object {
  return { email: `authz-${randomUUID().slice(0, 8)}@test.ajimi.local`, name: 'Made by the matrix', role: 'content', password: 'a long enough password' };
}
function pushSubscription(): object {
  return { endpoint: `https://fcm.googleapis.com/fcm/send/${randomUUID()}`, keys: { p256dh: 'p'.repeat(87), auth: 'a'.repeat(22) } };
}
function rename(): object {
  return { name: `Renamed ${randomUUID().slice(0, 4)}` };
}

const ERROR_CODES: Record<number, string> = { 400: 'validation_failed', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' };

let api: TestApi;
let fixtures: Fixtures;
const users = {} as Record<Exclude<Caller, 'anonymous'>, TestUser>;
const agents = {} as Record<Caller, ReturnType<typeof supertest.agent>>;
const workerId = `authz-${randomUUID()}`;

beforeAll(async () => {
  api = await createTestApi(); // with the default (local) storage, so /api/media is mounted too
  // /api/health is "ready" only with a live worker: be one for the length of this file.
  await beatWorker(api.knex, { id: workerId, hostname: 'test', pid: process.pid, queues: [] });
  users.learnerA = await createTestUser(api.knex, 'learner');
  users.learnerB = await createTestUser(api.knex, 'learner');
  users.coach = await createTestUser(api.knex, 'coach');
  users.content = await createTestUser(api.knex, 'content');
  users.admin = await createTestUser(api.knex, 'admin');
  agents.anonymous = supertest.agent(api.app);
  for (const caller of CALLERS) if (caller !== 'anonymous') agents[caller] = await signIn(api.app, users[caller]);
  const room = await api.knex('chat_rooms').where({ user_id: users.learnerA.id, kind: 'my_coaching' }).first('id');
  const target = await createTestUser(api.knex, 'content');
  const [dish] = await api.knex('dishes').insert({ slug: `authz-${randomUUID().slice(0, 8)}`, name_ja: '炒飯', name_en: 'Fried rice' }).returning('id');
  const [session] = await api.knex('cooking_sessions').insert({ user_id: users.learnerA.id, dish_id: dish.id, attempt_number: 1 }).returning('id');
  const mediaKey = `sessions/${randomUUID()}/poster/${randomUUID()}.jpg`;
  await api.storage.put(mediaKey, Buffer.from([0xff, 0xd8, 0xff, 0xd9]), { contentType: 'image/jpeg' });
  const signedMediaUrl = await api.storage.signedUrl(mediaKey, { expiresInSeconds: 600 });
  fixtures = { roomId: room.id, sessionId: session.id, targetUserId: target.id, mediaKey, signedMediaUrl, extra: {} };
  for (const area of AREAS) if (area.setup) Object.assign(fixtures.extra, await area.setup({ api, users, fixtures }));
});
afterAll(async () => {
  await removeWorker(api.knex, workerId);
  await api.close();
});

function requestLine(row: Row): { method: string; path: string } {
  const line = typeof row.request === 'function' ? row.request(fixtures) : (row.request ?? row.route!);
  const [method, template] = line.split(' ') as [string, string];
  // Area params (":reviewId"…) first, then the core ones.
  const withExtra = template.replace(/:([A-Za-z]+)/g, (m, name: string) => fixtures.extra[name] ?? m);
  const path = withExtra.replace(':roomId', fixtures.roomId).replace(':id', fixtures.targetUserId);
  return { method: method.toLowerCase(), path };
}

function labelOf(row: Row): string {
  if (row.route) return row.route;
  const request = typeof row.request === 'function' ? row.request({ roomId: ':roomId', sessionId: ':id', targetUserId: ':id', mediaKey: '<key>', signedMediaUrl: '', extra: {} }) : row.request;
  return `${request} (no route of its own)`;
}

const cells = MATRIX.flatMap((row) => CALLERS.map((caller) => ({ label: labelOf(row), caller, status: row.expect[caller], row })));

describe('authorization matrix', () => {
  it.each(cells)('$label as $caller → $status', async ({ caller, status, row }) => {
    let agent = agents[caller];
    if (row.endsSession && caller !== 'anonymous') agent = await signIn(api.app, users[caller]);
    const { method, path } = requestLine(row);
    let req = (agent as unknown as Record<string, (p: string) => supertest.Test>)[method]!(path);
    if (row.body) req = req.send(row.body());
    const res = await req;
    expect(res.status, `${method.toUpperCase()} ${path} as ${caller}: ${JSON.stringify(res.body)}`).toBe(status);
    const code = row.code ?? ERROR_CODES[status];
    // The gates (401/403) always speak our error format, whatever answers behind them.
    if (status === 401 || status === 403 || (status >= 400 && code)) expect(res.body.error.code).toBe(code || ERROR_CODES[status]);
    if (status >= 400) expect(JSON.stringify(res.body)).not.toMatch(/at .+\.ts:\d+/);
  });

  it("only the admin's writes reached the target user, and no shared session was ended", async () => {
    // The shared sessions are all still alive (logout ran on separate sessions).
    for (const caller of CALLERS) if (caller !== 'anonymous') await agents[caller].get('/api/auth/me').expect(200);
    const target = await api.knex('users').where({ id: fixtures.targetUserId }).first();
    // Only the admin's PUT and DELETE got through.
    const audit = await api.knex('audit_log').where({ entity_type: 'user', entity_id: fixtures.targetUserId }).orderBy('id');
    expect(audit.map((a) => [a.action, a.actor_user_id])).toEqual([
      ['user.update', users.admin.id],
      ['user.disable', users.admin.id],
    ]);
    expect(target.disabled).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Every route the app really has must be in the matrix (and every matrix route must exist).

interface LayerLike {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  name?: string;
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/**
 * Every route, as "METHOD /path". A router that has neither routes nor sub-routers but does have
 * middleware is answering requests itself (e.g. the tus server): it is listed as "USE /path".
 */
function listRoutes(app: Express): { routes: string[]; opaque: string[] } {
  const routes: string[] = [];
  const opaque: string[] = [];
  const walk = (stack: LayerLike[], prefix: string) => {
    const answersItself = stack.length > 0 && stack.every((layer) => !layer.route && !layer.handle?.stack);
    if (answersItself && prefix) routes.push(`USE ${prefix}`);
    for (const layer of stack) {
      if (layer.route) {
        if (typeof layer.route.path !== 'string') {
          opaque.push(`${prefix} ${String(layer.route.path)}`);
          continue;
        }
        for (const method of Object.keys(layer.route.methods)) {
          routes.push(`${method === '_all' ? 'ALL' : method.toUpperCase()} ${joinPath(prefix, layer.route.path)}`);
        }
      } else if (layer.handle?.stack) {
        if (typeof layer.rawPath !== 'string') opaque.push(`${prefix} ${String(layer.rawPath)}`);
        else walk(layer.handle.stack, joinPath(prefix, layer.rawPath));
      } else if (layer.name === 'mounted_app') {
        opaque.push(`${prefix} ${String(layer.rawPath)} (a mounted sub-app)`);
      }
    }
  };
  const router = (app as unknown as { router: { stack: LayerLike[] } }).router;
  walk(router.stack, '');
  return { routes, opaque };
}

describe('the matrix covers the app', () => {
  it('lists every route under /api, and nothing that is not there', () => {
    const { routes, opaque } = listRoutes(api.app);
    expect(opaque, 'routes mounted with a RegExp or array path cannot be checked: mount them on a string path').toEqual([]);
    const real = routes.filter((r) => r.split(' ')[1]!.startsWith('/api')).sort();
    const listed = MATRIX.flatMap((row) => (row.route ? [row.route] : [])).sort();
    expect(real.length).toBeGreaterThan(0);
    expect(real, 'a route exists that the authorization matrix does not list: add a row for it').toEqual(listed);
    const unrouted = MATRIX.filter((row) => !row.route && typeof row.request === 'string').map((row) => row.request as string);
    for (const line of unrouted) expect(real).not.toContain(line);
  });

  it('the walker sees nested routes, middleware-answered mounts and paths it cannot read (self-check)', () => {
    const app = express();
    const inner = express.Router();
    inner.get('/:id', (_req, res) => res.end());
    inner.route('/').post((_req, res) => res.end()).delete((_req, res) => res.end());
    const outer = express.Router();
    outer.use((_req, _res, next) => next());
    outer.use('/inner/', inner);
    const handler = express.Router();
    handler.use((_req, _res, next) => next(), (_req, res) => res.end());
    outer.use('/handled', handler);
    outer.all('/any', (_req, res) => res.end());
    app.use('/api', outer);
    app.use(/^\/re/, express.Router().get('/x', (_req, res) => res.end()));
    const { routes, opaque } = listRoutes(app);
    expect(routes.sort()).toEqual(['ALL /api/any', 'DELETE /api/inner', 'GET /api/inner/:id', 'POST /api/inner', 'USE /api/handled']);
    expect(opaque).toHaveLength(1);
  });
});
