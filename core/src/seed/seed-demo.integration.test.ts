import { afterAll, describe, expect, it, inject } from 'vitest';
import { createKnex } from '../db/knex';
import { verifyPassword } from '../services/auth/password-hash';
import { DEMO_ACCOUNTS, seed } from './seed-demo';
import { DISHES } from './dishes';

const knex = createKnex(inject('databaseUrl'), { poolMax: 2 });
afterAll(() => knex.destroy());

describe('seed', () => {
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
});
