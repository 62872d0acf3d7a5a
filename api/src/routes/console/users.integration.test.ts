import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../../test-support/api-harness';
import type { Role } from '@ajimi/core/domain/roles';

type Agent = Awaited<ReturnType<typeof signIn>>;

let api: TestApi;
let admin: TestUser;
let adminAgent: Agent;
// Every user this file creates carries the marker in its name, so list totals are exact on a shared database.
const marker = `u${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  api = await createTestApi();
  admin = await createTestUser(api.knex, 'admin');
  adminAgent = await signIn(api.app, admin);
});
afterAll(() => api.close());

const RECORD_KEYS = ['created_at', 'disabled', 'email', 'id', 'last_login_at', 'locale', 'name', 'role'];

async function namedUser(role: Role, name: string): Promise<TestUser & { name: string }> {
  const user = await createTestUser(api.knex, role);
  const full = `${marker} ${name}`;
  await api.knex('users').where({ id: user.id }).update({ name: full });
  return { ...user, name: full };
}

function list(query: Record<string, unknown>) {
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join('&');
  return adminAgent.get(`/api/console/users${qs ? `?${qs}` : ''}`);
}

function emailOf(u: { email: string }) {
  return u.email;
}

describe('GET /api/console/users (ra-data-simple-rest getList)', () => {
  let coaches: Array<TestUser & { name: string }>;
  beforeAll(async () => {
    coaches = [];
    for (const n of ['coach c', 'coach a', 'coach b']) coaches.push(await namedUser('coach', n));
    await namedUser('content', 'content x');
  });

  it('answers the exact react-admin request with a JSON array and Content-Range start-end/total', async () => {
    const filter = encodeURIComponent(JSON.stringify({ role: 'coach', q: marker }));
    const res = await adminAgent.get(`/api/console/users?sort=${encodeURIComponent('["email","ASC"]')}&range=${encodeURIComponent('[0,1]')}&filter=${filter}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Array.isArray(res.body)).toBe(true);
    const sortedEmails = coaches.map(emailOf).sort();
    expect(res.body.map(emailOf)).toEqual(sortedEmails.slice(0, 2));
    // N is the number of matching rows, not the page size.
    expect(res.headers['content-range']).toBe('users 0-1/3');
    const exposed = String(res.headers['access-control-expose-headers']).split(',').map((h) => h.trim().toLowerCase());
    expect(exposed).toContain('content-range');
    for (const row of res.body) expect(Object.keys(row).sort()).toEqual(RECORD_KEYS);
  });

  it('pages: the last page reports the rows it really holds', async () => {
    const res = await list({ sort: ['email', 'ASC'], range: [2, 3], filter: { role: 'coach', q: marker } }).expect(200);
    expect(res.body.map(emailOf)).toEqual([coaches.map(emailOf).sort()[2]]);
    expect(res.headers['content-range']).toBe('users 2-2/3');
  });

  it('the bare example filter {"role":"coach"} returns only coaches, total >= page', async () => {
    const res = await list({ sort: ['email', 'ASC'], range: [0, 1], filter: { role: 'coach' } }).expect(200);
    expect(res.body).toHaveLength(2);
    for (const row of res.body) expect(row.role).toBe('coach');
    const match = /^users 0-1\/(\d+)$/.exec(res.headers['content-range'] as string);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(3);
  });

  it('sorts DESC, and by name', async () => {
    const desc = await list({ sort: ['email', 'DESC'], filter: { role: 'coach', q: marker } }).expect(200);
    expect(desc.body.map(emailOf)).toEqual(coaches.map(emailOf).sort().reverse());
    const byName = await list({ sort: ['name', 'ASC'], filter: { q: marker, role: 'coach' } }).expect(200);
    expect(byName.body.map((u: { name: string }) => u.name)).toEqual([`${marker} coach a`, `${marker} coach b`, `${marker} coach c`]);
  });

  it('getMany: filter={"id":[...]} returns exactly those records', async () => {
    const [a, b] = coaches;
    const res = await list({ filter: { id: [a!.id, b!.id] } }).expect(200);
    expect(res.body.map((u: { id: string }) => u.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(res.headers['content-range']).toBe('users 0-1/2');
    const single = await list({ filter: { id: a!.id } }).expect(200);
    expect(single.body.map((u: { id: string }) => u.id)).toEqual([a!.id]);
  });

  it('q searches name and email, case-insensitively', async () => {
    const byName = await list({ filter: { q: `${marker} COACH A`.toUpperCase() } }).expect(200);
    expect(byName.body.map(emailOf)).toEqual([coaches[1]!.email]);
    const byEmail = await list({ filter: { q: coaches[2]!.email.toUpperCase() } }).expect(200);
    expect(byEmail.body.map(emailOf)).toEqual([coaches[2]!.email]);
  });

  it('q is a literal: % and _ are not wildcards', async () => {
    const pct = await namedUser('learner', '100%');
    await namedUser('learner', '1000');
    const under = await namedUser('learner', 'a_b');
    await namedUser('learner', 'axb');
    const p = await list({ filter: { q: `${marker} 100%` } }).expect(200);
    expect(p.body.map(emailOf)).toEqual([pct.email]);
    const u = await list({ filter: { q: `${marker} a_b` } }).expect(200);
    expect(u.body.map(emailOf)).toEqual([under.email]);
  });

  it('an empty result is an empty array with an unsatisfied Content-Range', async () => {
    const none = await list({ filter: { q: `no-such-${randomUUID()}` } }).expect(200);
    expect(none.body).toEqual([]);
    expect(none.headers['content-range']).toBe('users */0');
    // A page past the end: no rows, but the total is still right.
    const past = await list({ range: [10, 19], filter: { role: 'coach', q: marker } }).expect(200);
    expect(past.body).toEqual([]);
    expect(past.headers['content-range']).toBe('users */3');
  });

  it('filters by disabled', async () => {
    const off = await namedUser('content', 'disabled one');
    await api.knex('users').where({ id: off.id }).update({ disabled: true });
    const res = await list({ filter: { q: marker, disabled: true } }).expect(200);
    expect(res.body.map(emailOf)).toEqual([off.email]);
  });

  it.each([
    ['sort on a field outside the whitelist', { sort: '["password_hash","ASC"]' }, /sort/],
    ['sort on an unknown field', { sort: '["nope","ASC"]' }, /sort/],
    ['sort that is not JSON', { sort: 'email ASC' }, /sort must be JSON/],
    ['sort with a bad order', { sort: '["email","UP"]' }, /sort/],
    ['range that is not JSON', { range: '0-24' }, /range must be JSON/],
    ['range with end < start', { range: '[5,2]' }, /range/],
    ['range wider than 500 rows', { range: '[0,500]' }, /range.*500/],
    ['range with negatives', { range: '[-1,4]' }, /range/],
    ['range with fractions', { range: '[0,1.5]' }, /range/],
    ['filter with an unknown key', { filter: '{"password_hash":"x"}' }, /password_hash/],
    ['filter id that is not a uuid', { filter: '{"id":["1 OR 1=1"]}' }, /filter\.id/],
    ['filter role outside the enum', { filter: '{"role":"root"}' }, /filter\.role/],
    ['filter that is not JSON', { filter: '{role:coach}' }, /filter must be JSON/],
    ['an unknown query parameter', { _sort: 'email' }, /_sort/],
    ['a repeated parameter', { sort: ['["email","ASC"]', '["name","ASC"]'] }, /sort/],
  ])('refuses %s with 400 validation_failed naming the problem', async (_label, query, mention) => {
    const res = await adminAgent.get('/api/console/users').query(query).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Array.isArray(res.body.error.details)).toBe(true);
    expect(res.body.error.details.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body.error.details)).toMatch(mention);
  });

  it('accepts the widest allowed page (500 rows)', async () => {
    const res = await list({ range: [0, 499], filter: { q: marker } }).expect(200);
    expect(res.headers['content-range']).toMatch(/^users 0-\d+\/\d+$/);
  });
});

describe('GET /api/console/users/:id', () => {
  it('returns the record without any secret', async () => {
    const user = await namedUser('content', 'get one');
    const res = await adminAgent.get(`/api/console/users/${user.id}`).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(RECORD_KEYS);
    expect(res.body).toMatchObject({ id: user.id, email: user.email, name: user.name, role: 'content', locale: 'ja', disabled: false, last_login_at: null });
    expect(new Date(res.body.created_at).toISOString()).toBe(res.body.created_at);
  });

  it('404 for an unknown uuid, 400 for a non-uuid', async () => {
    const missing = await adminAgent.get(`/api/console/users/${randomUUID()}`).expect(404);
    expect(missing.body.error.code).toBe('not_found');
    const bad = await adminAgent.get('/api/console/users/not-a-uuid').expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});

describe('POST /api/console/users', () => {
  it('creates a user: 201, password hashed and never returned', async () => {
    const email = `${marker}-new-${randomUUID().slice(0, 6)}@test.ajimi.local`;
    const password = 'correct horse battery';
    const res = await adminAgent.post('/api/console/users').send({ email, name: `  ${marker} New Coach  `, role: 'coach', password }).expect(201);
    expect(Object.keys(res.body).sort()).toEqual(RECORD_KEYS);
    expect(res.body).toMatchObject({ email, name: `${marker} New Coach`, role: 'coach', locale: 'ja', disabled: false });
    expect(JSON.stringify(res.body)).not.toContain(password);
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|password/);
    const row = await api.knex('users').where({ id: res.body.id }).first();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(password);
    await signIn(api.app, { email, password });
  });

  it('gives a new learner their three rooms', async () => {
    const email = `${marker}-learner-${randomUUID().slice(0, 6)}@test.ajimi.local`;
    const res = await adminAgent
      .post('/api/console/users')
      .send({ email, name: `${marker} L`, role: 'learner', locale: 'en', password: 'twelve chars!' })
      .expect(201);
    expect(res.body.locale).toBe('en');
    const rooms = await api.knex('chat_rooms').where({ user_id: res.body.id }).pluck('kind');
    expect(rooms.sort()).toEqual(['cooking_videos', 'help', 'my_coaching']);
  });

  it('refuses a duplicate email (any case) with 409 email_taken', async () => {
    const existing = await createTestUser(api.knex, 'coach');
    const res = await adminAgent
      .post('/api/console/users')
      .send({ email: existing.email.toUpperCase(), name: 'Dup', role: 'coach', password: 'long enough password' })
      .expect(409);
    expect(res.body.error.code).toBe('email_taken');
  });

  it('two simultaneous creations of one email: one 201, one 409, never a 500', async () => {
    const email = `${marker}-race-${randomUUID().slice(0, 6)}@test.ajimi.local`;
    const body = { email, name: 'Race', role: 'content', password: 'long enough password' };
    const results = await Promise.all([adminAgent.post('/api/console/users').send(body), adminAgent.post('/api/console/users').send(body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it.each([
    ['a password shorter than 12 characters', { password: 'elevenchars' }, 'password'],
    ['an invalid email', { email: 'not-an-email' }, 'email'],
    ['an unknown role', { role: 'root' }, 'role'],
    ['an empty name', { name: '   ' }, 'name'],
    ['an unknown field', { password_hash: 'scrypt$1$1$1$x$y' }, ''],
    ['a read-only field', { disabled: true }, ''],
  ])('refuses %s with 400', async (_label, override, path) => {
    const body = {
      email: `${marker}-bad-${randomUUID().slice(0, 6)}@test.ajimi.local`,
      name: 'Bad',
      role: 'coach',
      password: 'long enough password',
      ...override,
    };
    const res = await adminAgent.post('/api/console/users').send(body).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await api.knex('users').where({ email: body.email }).first()).toBeUndefined();
  });
});

describe('PUT /api/console/users/:id', () => {
  it("accepts react-admin's full record: updates name/role/locale/disabled, ignores read-only fields", async () => {
    const user = await namedUser('learner', 'to edit');
    const record = (await adminAgent.get(`/api/console/users/${user.id}`).expect(200)).body;
    const sent = {
      ...record,
      name: `${marker} edited`,
      role: 'coach',
      locale: 'en',
      disabled: true,
      email: 'changed@evil.example',
      created_at: '2000-01-01T00:00:00.000Z',
      last_login_at: '2000-01-01T00:00:00.000Z',
    };
    const res = await adminAgent.put(`/api/console/users/${user.id}`).send(sent).expect(200);
    expect(res.body).toEqual({ ...record, name: `${marker} edited`, role: 'coach', locale: 'en', disabled: true });
    const reread = await adminAgent.get(`/api/console/users/${user.id}`).expect(200);
    expect(reread.body).toEqual(res.body);
  });

  it('uses the id in the URL, never the one in the body', async () => {
    const target = await namedUser('content', 'url id');
    const other = await namedUser('content', 'body id');
    await adminAgent.put(`/api/console/users/${target.id}`).send({ id: other.id, name: `${marker} renamed` }).expect(200);
    expect((await api.knex('users').where({ id: target.id }).first()).name).toBe(`${marker} renamed`);
    expect((await api.knex('users').where({ id: other.id }).first()).name).toBe(other.name);
  });

  it.each([
    ['an unknown field', { password: 'new password 123' }],
    ['a hidden column', { is_demo: true }],
    ['a bad role', { role: 'root' }],
    ['a bad locale', { locale: 'fr' }],
    ['a non-boolean disabled', { disabled: 'yes' }],
  ])('refuses %s with 400', async (_label, body) => {
    const user = await namedUser('content', 'bad put');
    const res = await adminAgent.put(`/api/console/users/${user.id}`).send(body).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('404 for an unknown user, 400 for a non-uuid id', async () => {
    await adminAgent.put(`/api/console/users/${randomUUID()}`).send({ name: 'x' }).expect(404);
    await adminAgent.put('/api/console/users/123').send({ name: 'x' }).expect(400);
  });

  it('an admin cannot disable themself or drop their own admin role', async () => {
    for (const body of [{ disabled: true }, { role: 'coach' }, { role: 'learner', name: 'x' }]) {
      const res = await adminAgent.put(`/api/console/users/${admin.id}`).send(body).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const del = await adminAgent.delete(`/api/console/users/${admin.id}`).expect(400);
    expect(del.body.error.code).toBe('validation_failed');
    const row = await api.knex('users').where({ id: admin.id }).first();
    expect([row.role, row.disabled]).toEqual(['admin', false]);
    // Editing other fields of oneself, with the full record, is fine.
    const record = (await adminAgent.get(`/api/console/users/${admin.id}`).expect(200)).body;
    await adminAgent.put(`/api/console/users/${admin.id}`).send({ ...record, locale: 'en' }).expect(200);
  });

  it("disabling a user revokes their sessions: their cookie stays dead after re-enabling", async () => {
    const user = await createTestUser(api.knex, 'coach');
    const agent = await signIn(api.app, user);
    await agent.get('/api/auth/me').expect(200);
    await adminAgent.put(`/api/console/users/${user.id}`).send({ disabled: true }).expect(200);
    await agent.get('/api/auth/me').expect(401);
    const open = await api.knex('user_sessions').where({ user_id: user.id }).whereNull('revoked_at');
    expect(open).toEqual([]);
    await adminAgent.put(`/api/console/users/${user.id}`).send({ disabled: false }).expect(200);
    await agent.get('/api/auth/me').expect(401);
    await signIn(api.app, user); // a fresh sign-in works again
  });
});

describe('DELETE /api/console/users/:id', () => {
  it('disables, returns the record, and never removes the row', async () => {
    const user = await createTestUser(api.knex, 'learner');
    const agent = await signIn(api.app, user);
    const res = await adminAgent.delete(`/api/console/users/${user.id}`).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(RECORD_KEYS);
    expect(res.body).toMatchObject({ id: user.id, email: user.email, disabled: true });
    const row = await api.knex('users').where({ id: user.id }).first();
    expect(row).toBeDefined();
    expect(row.disabled).toBe(true);
    expect(await api.knex('chat_rooms').where({ user_id: user.id }).count<{ count: number }[]>({ count: '*' })).toEqual([{ count: 3 }]);
    await agent.get('/api/auth/me').expect(401);
    await adminAgent.get(`/api/console/users/${user.id}`).expect(200);
  });

  it('404 for an unknown user, 400 for a non-uuid id', async () => {
    await adminAgent.delete(`/api/console/users/${randomUUID()}`).expect(404);
    await adminAgent.delete('/api/console/users/abc').expect(400);
  });
});

describe('audit log', () => {
  it('every create, update and delete writes who, what, before and after', async () => {
    const email = `${marker}-audit-${randomUUID().slice(0, 6)}@test.ajimi.local`;
    const created = await adminAgent.post('/api/console/users').send({ email, name: 'Audit Me', role: 'content', password: 'long enough password' }).expect(201);
    const id = created.body.id as string;
    const updated = await adminAgent.put(`/api/console/users/${id}`).send({ name: 'Audited', role: 'coach' }).expect(200);
    const deleted = await adminAgent.delete(`/api/console/users/${id}`).expect(200);

    const rows = await api.knex('audit_log').where({ entity_type: 'user', entity_id: id }).orderBy('id', 'asc');
    expect(rows.map((r) => r.action)).toEqual(['user.create', 'user.update', 'user.disable']);
    for (const row of rows) {
      expect(row.actor_user_id).toBe(admin.id);
      expect(row.actor_role).toBe('admin');
      expect(JSON.stringify([row.before, row.after])).not.toMatch(/scrypt|password/);
    }
    const [create, update, disable] = rows;
    expect(create.request_id).toBe(created.headers['x-request-id']);
    expect(update.request_id).toBe(updated.headers['x-request-id']);
    expect(disable.request_id).toBe(deleted.headers['x-request-id']);
    expect(create.before).toBeNull();
    expect(create.after).toEqual(created.body);
    expect(update.before).toEqual(created.body);
    expect(update.after).toEqual(updated.body);
    expect(update.after).toMatchObject({ name: 'Audited', role: 'coach' });
    expect(disable.before).toEqual(updated.body);
    expect(disable.after).toEqual(deleted.body);
    expect([disable.before.disabled, disable.after.disabled]).toEqual([false, true]);
  });

  it('a refused change writes nothing', async () => {
    const before = await api.knex('audit_log').where({ actor_user_id: admin.id }).count<{ count: number }[]>({ count: '*' });
    await adminAgent.put(`/api/console/users/${admin.id}`).send({ disabled: true }).expect(400);
    await adminAgent.post('/api/console/users').send({ email: 'x', name: 'x', role: 'coach', password: 'short' }).expect(400);
    const after = await api.knex('audit_log').where({ actor_user_id: admin.id }).count<{ count: number }[]>({ count: '*' });
    expect(after).toEqual(before);
  });
});
