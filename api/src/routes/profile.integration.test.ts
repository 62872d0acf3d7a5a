import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi } from '../../../test-support/api-harness';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
  await api.knex('dishes').insert([{ slug: 'profile-a', name_ja: '餃子', name_en: 'Gyoza' }, { slug: 'profile-b', name_ja: '炒飯', name_en: 'Fried rice' }]).onConflict('slug').ignore();
});
afterAll(() => api.close());

describe('/api/profile (first run)', () => {
  it('starts not onboarded, saves name, language and dishes in order, and audits the change', async () => {
    const user = await createTestUser(api.knex, 'learner');
    const agent = await signIn(api.app, user);
    const first = await agent.get('/api/profile').expect(200);
    expect(first.body.profile).toEqual({ name: 'Test learner', locale: 'ja', dishes: [], onboarded: false });

    const saved = await agent.put('/api/profile').send({ name: '  Aki  ', locale: 'en', dishSlugs: ['profile-b', 'profile-a', 'profile-b'] }).expect(200);
    expect(saved.body.profile).toMatchObject({ name: 'Aki', locale: 'en', onboarded: true });
    expect(saved.body.profile.dishes.map((d: { slug: string; nextAttempt: number }) => [d.slug, d.nextAttempt])).toEqual([['profile-b', 1], ['profile-a', 1]]);
    // The name is what coaching calls the cook, and the language it is written in.
    expect((await agent.get('/api/auth/me').expect(200)).body.user).toMatchObject({ name: 'Aki', locale: 'en' });
    const audit = await api.knex('audit_log').where({ entity_type: 'user', entity_id: user.id, action: 'profile.update' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: user.id, actor_role: 'learner' });
  });

  it('refuses unknown dishes, empty names and unknown fields', async () => {
    const agent = await signIn(api.app, await createTestUser(api.knex, 'learner'));
    expect((await agent.put('/api/profile').send({ name: 'A', locale: 'ja', dishSlugs: ['no-such-dish'] }).expect(400)).body.error.code).toBe('validation_failed');
    await agent.put('/api/profile').send({ name: '   ', locale: 'ja', dishSlugs: [] }).expect(400);
    await agent.put('/api/profile').send({ name: 'A', locale: 'fr', dishSlugs: [] }).expect(400);
    await agent.put('/api/profile').send({ name: 'A', locale: 'ja', dishSlugs: [], role: 'admin' }).expect(400);
    expect((await agent.get('/api/profile').expect(200)).body.profile.onboarded).toBe(false);
  });
});
