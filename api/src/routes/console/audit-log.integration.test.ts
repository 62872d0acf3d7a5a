import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../../test-support/api-harness';

let api: TestApi;
let admin: TestUser;
let agent: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  api = await createTestApi();
  admin = await createTestUser(api.knex, 'admin');
  agent = await signIn(api.app, admin);
});
afterAll(() => api.close());

describe('audit log as people read it', () => {
  it('folds the claim/release rows of opening a review away on request, and names each target', async () => {
    const cook = await createTestUser(api.knex, 'learner');
    const [{ id: dishId }] = await api.knex('dishes').insert({ slug: `audit-${randomUUID().slice(0, 8)}`, name_ja: '試験の料理', name_en: 'Test dish' }).returning('id');
    const [{ id: sessionId }] = await api.knex('cooking_sessions').insert({ user_id: cook.id, dish_id: dishId, attempt_number: 3 }).returning('id');
    const [{ id: reviewId }] = await api.knex('review_items').insert({ session_id: sessionId }).returning('id');
    for (const action of ['review.claim', 'review.claim_renew', 'review.release', 'review.approve']) {
      await api.knex('audit_log').insert({ actor_user_id: admin.id, actor_role: 'admin', action, entity_type: 'review_item', entity_id: reviewId });
    }
    await api.knex('audit_log').insert({ actor_user_id: admin.id, actor_role: 'admin', action: 'user.update', entity_type: 'user', entity_id: cook.id });

    const all = await agent.get('/api/console/audit-log').query({ filter: JSON.stringify({ entity_id: reviewId }) }).expect(200);
    expect(all.body.map((r: { action: string }) => r.action)).toEqual(['review.approve', 'review.release', 'review.claim_renew', 'review.claim']);
    const folded = await agent.get('/api/console/audit-log').query({ filter: JSON.stringify({ entity_id: reviewId, routine: false }) }).expect(200);
    expect(folded.body.map((r: { action: string }) => r.action)).toEqual(['review.approve']);
    expect(folded.body[0].target).toEqual({ person: 'Test learner', dish: { ja: '試験の料理', en: 'Test dish' }, attempt: 3 });

    const user = await agent.get('/api/console/audit-log').query({ filter: JSON.stringify({ entity_id: cook.id }) }).expect(200);
    expect(user.body[0].target).toEqual({ person: 'Test learner' });
    const one = await agent.get(`/api/console/audit-log/${user.body[0].id}`).expect(200);
    expect(one.body.target).toEqual({ person: 'Test learner' });
    await agent.get('/api/console/audit-log').query({ filter: JSON.stringify({ routine: 'no' }) }).expect(400);
  });

  it('pages without counting the log: "/*" while more rows follow, the exact total on the last page', async () => {
    const entity = `paging-${randomUUID()}`;
    for (const action of ['test.one', 'test.two', 'test.three']) {
      await api.knex('audit_log').insert({ actor_user_id: admin.id, actor_role: 'admin', action, entity_type: 'bench', entity_id: entity });
    }
    const page = (range: [number, number]) =>
      agent.get('/api/console/audit-log').query({ sort: '["id","DESC"]', range: JSON.stringify(range), filter: JSON.stringify({ entity_id: entity }) }).expect(200);
    const first = await page([0, 1]);
    expect(first.headers['content-range']).toBe('audit-log 0-1/*');
    expect(first.body.map((r: { action: string }) => r.action)).toEqual(['test.three', 'test.two']);
    const last = await page([2, 3]);
    expect(last.headers['content-range']).toBe('audit-log 2-2/3');
    expect(last.body.map((r: { action: string }) => r.action)).toEqual(['test.one']);
    expect((await page([0, 2])).headers['content-range']).toBe('audit-log 0-2/3');
    expect((await page([4, 5])).headers['content-range']).toBe('audit-log */*');
  });
});
