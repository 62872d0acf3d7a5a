import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi } from '../../../test-support/api-harness';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ LOGIN_RATE_LIMIT_PER_15_MIN: '1000' });
});
afterAll(() => api.close());

describe('passwords', () => {
  it('a cook changes their password: the old one stops working, other sessions end, this one stays', async () => {
    const user = await createTestUser(api.knex, 'learner');
    const phone = await signIn(api.app, user);
    const laptop = await signIn(api.app, user);
    await phone.post('/api/auth/password').send({ currentPassword: 'wrong-password', newPassword: 'a brand new password' }).expect(401);
    const short = await phone.post('/api/auth/password').send({ currentPassword: user.password, newPassword: 'short' }).expect(400);
    expect(JSON.stringify(short.body)).toMatch(/12文字以上/);

    await phone.post('/api/auth/password').send({ currentPassword: user.password, newPassword: 'a brand new password' }).expect(204);
    await phone.get('/api/auth/me').expect(200);
    await laptop.get('/api/auth/me').expect(401);
    await supertest(api.app).post('/api/auth/login').send({ email: user.email, password: user.password }).expect(401);
    await signIn(api.app, { email: user.email, password: 'a brand new password' });
    const audit = await api.knex('audit_log').where({ entity_id: user.id, action: 'user.password_change' });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('a brand new password');
  });

  it('guessing the current password through a borrowed session is throttled like sign-in', async () => {
    const user = await createTestUser(api.knex, 'coach');
    const agent = await signIn(api.app, user);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await agent.post('/api/auth/password').send({ currentPassword: `guess-${i}`, newPassword: 'another long password' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('an admin resets a password: the user\'s sessions end and the new password works', async () => {
    const admin = await signIn(api.app, await createTestUser(api.knex, 'admin'));
    const user = await createTestUser(api.knex, 'coach');
    const coach = await signIn(api.app, user);
    await admin.post(`/api/console/users/${user.id}/password`).send({ newPassword: 'set by the admin 123' }).expect(204);
    await coach.get('/api/auth/me').expect(401);
    await supertest(api.app).post('/api/auth/login').send({ email: user.email, password: user.password }).expect(401);
    await signIn(api.app, { email: user.email, password: 'set by the admin 123' });
    expect(await api.knex('audit_log').where({ entity_id: user.id, action: 'user.password_reset' })).toHaveLength(1);
    // Only an admin: a coach cannot reset anyone's.
    await coach.post(`/api/console/users/${user.id}/password`).send({ newPassword: 'x'.repeat(20) }).expect(401);
    const otherCoach = await signIn(api.app, await createTestUser(api.knex, 'coach'));
    await otherCoach.post(`/api/console/users/${user.id}/password`).send({ newPassword: 'x'.repeat(20) }).expect(403);
  });
});
