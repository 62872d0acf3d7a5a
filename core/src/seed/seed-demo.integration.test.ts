import supertest from 'supertest';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { createTestApi } from '../../../test-support/api-harness';
import { loadConfig } from '../config';
import { DEMO_PASSWORD_SETTING, enforceDemoPolicy } from '../services/auth/demo-accounts';
import { createKnex } from '../db/knex';
import { verifyPassword } from '../services/auth/password-hash';
import { DEMO_ACCOUNTS, seed } from './seed-demo';
import { DISHES } from './dishes';

const knex = createKnex(inject('databaseUrl'), { poolMax: 2 });
afterAll(() => knex.destroy());

// Each seed imports the knowledge base and checks or hashes four passwords (scrypt): on a loaded 2-core
// machine these tests took 3–19 s alone and over 30 s beside another suite.
describe('seed', { timeout: 120_000 }, () => {
  it('creates the demo accounts once, with one generated password kept across runs', async () => {
    const first = await seed(knex, { demoAccounts: true, demoPassword: undefined });
    const second = await seed(knex, { demoAccounts: true, demoPassword: undefined });
    expect(second.demo?.password).toBe(first.demo?.password);
    expect(second.demo?.created).toEqual([]);
    expect(second.dishesAdded).toBe(0);

    const users = await knex('users').whereIn('email', DEMO_ACCOUNTS.map((a) => a.email)).orderBy('email');
    expect(users.map((u) => [u.email, u.role])).toEqual(
      [...DEMO_ACCOUNTS].sort((a, b) => a.email.localeCompare(b.email)).map((a) => [a.email, a.role]),
    );
    for (const user of users) expect(await verifyPassword(first.demo!.password, user.password_hash)).toBe(true);
    // Other suites may add dishes of their own to the shared database; ours are all there.
    expect((await knex('dishes').whereIn('slug', DISHES.map((d) => d.slug)).pluck('slug')).sort()).toEqual(DISHES.map((d) => d.slug).sort());

    const learner = users.find((u) => u.role === 'learner');
    const rooms = await knex('chat_rooms').where({ user_id: learner.id }).orderBy('kind').pluck('kind');
    expect(rooms).toEqual(['cooking_videos', 'help', 'my_coaching']);
  });

  it('applies a changed AJIMI_DEMO_PASSWORD to the demo accounts, and seeds no accounts when disabled', async () => {
    await seed(knex, { demoAccounts: true, demoPassword: 'a-new-demo-password' });
    const coach = await knex('users').where({ email: 'coach@ajimi.local' }).first();
    expect(await verifyPassword('a-new-demo-password', coach.password_hash)).toBe(true);
    expect((await seed(knex, { demoAccounts: false, demoPassword: undefined })).demo).toBeNull();
  });

  it('a production start on a database with demo accounts disables them, ends their sessions and forgets the password', async () => {
    const { password } = (await seed(knex, { demoAccounts: true, demoPassword: undefined })).demo!;
    const api = await createTestApi();
    try {
      const login = await supertest(api.app).post('/api/auth/login').send({ email: 'admin@ajimi.local', password }).expect(200);
      const cookie = (login.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;

      // What the API does at start with NODE_ENV=production (demo accounts are always off there).
      const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), AJIMI_DEMO_ACCOUNTS: 'false' });
      expect(config.demo.enabled).toBe(false);
      const { disabled } = await enforceDemoPolicy(knex, config);
      expect(disabled.sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());

      const refused = await supertest(api.app).post('/api/auth/login').send({ email: 'admin@ajimi.local', password }).expect(401);
      expect(refused.body.error.code).toBe('account_disabled');
      await supertest(api.app).get('/api/auth/me').set('Cookie', cookie).expect(401);
      expect(await knex('app_settings').where({ key: DEMO_PASSWORD_SETTING }).first()).toBeUndefined();

      // Switching demo accounts back on (development) makes them usable again, with a new password.
      const again = (await seed(knex, { demoAccounts: true, demoPassword: undefined })).demo!;
      expect(again.password).not.toBe(password);
      await supertest(api.app).post('/api/auth/login').send({ email: 'admin@ajimi.local', password: again.password }).expect(200);
    } finally {
      await api.close();
    }
  });

  it('seeding with demo accounts off (every production migrate) also retires them', async () => {
    await seed(knex, { demoAccounts: true, demoPassword: undefined });
    await seed(knex, { demoAccounts: false, demoPassword: undefined });
    const users = await knex('users').whereIn('email', DEMO_ACCOUNTS.map((a) => a.email));
    expect(users.map((u) => u.disabled)).toEqual(users.map(() => true));
    expect(await knex('app_settings').where({ key: DEMO_PASSWORD_SETTING }).first()).toBeUndefined();
  });
});
