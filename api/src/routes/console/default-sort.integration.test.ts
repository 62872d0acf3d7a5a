import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi } from '../../../../test-support/api-harness';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(async () => {
  await api.close();
});

// react-admin's lists ask for sort=["id","ASC"] until a column is chosen (ra-data-simple-rest).
describe('console lists accept react-admin default sort by id', () => {
  it.each(['users', 'reviews', 'principles', 'cooks', 'audit-log'])('GET /api/console/%s?sort=["id","ASC"] answers 200 with a Content-Range', async (resource) => {
    const admin = await createTestUser(api.knex, 'admin');
    const agent = await signIn(api.app, admin);
    const res = await agent.get(`/api/console/${resource}`).query({ sort: JSON.stringify(['id', 'ASC']), range: JSON.stringify([0, 9]) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // The audit log is not counted (partial pagination): "/*" while more rows follow.
    expect(res.headers['content-range']).toMatch(new RegExp(`^${resource} \\d+-\\d+/(\\d+|\\*)$|^${resource} \\*/0$`));
    const ids = (res.body as Array<{ id: string }>).map((r) => r.id);
    // uuids sort as their hex text; the audit log's bigint ids as numbers.
    const order = resource === 'audit-log' ? (a: string, b: string) => Number(BigInt(a) - BigInt(b)) : undefined;
    expect(ids).toEqual([...ids].sort(order));
  });
});
