import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePrincipleOf } from '@ajimi/core/data/principles';
import { loadSessionContext } from '@ajimi/core/services/pipeline/load-session-context';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../../test-support/api-harness';

type Agent = Awaited<ReturnType<typeof signIn>>;

let api: TestApi;
let editor: TestUser;
let agent: Agent;
const tag = randomUUID().slice(0, 8);
const dishSlug = `dish-${tag}`;
const coreA = `dish-core-a-${tag}`;
const coreB = `dish-core-b-${tag}`;

async function insertPrinciple(slug: string, dishes: string[]): Promise<void> {
  await api.knex('principles').insert({
    slug,
    title_ja: `原則 ${slug}`,
    title_en: `Principle ${slug}`,
    dishes,
    skill: JSON.stringify({ ja: 'スキル', en: 'Skill' }),
    why: JSON.stringify({ ja: '理由', en: 'Why' }),
    next_action: JSON.stringify({ ja: '次に', en: 'Next' }),
    source: 'console',
    published: true,
  });
}

const rubric = (overrides: Record<string, unknown> = {}) => ({
  expectedSeconds: [60, 300],
  motion: 'constant',
  sizzleExpected: true,
  corePrinciple: coreA,
  watchFor: ['pan_not_hot', 'not_moving'],
  ...overrides,
});

beforeAll(async () => {
  api = await createTestApi();
  editor = await createTestUser(api.knex, 'content');
  agent = await signIn(api.app, editor);
  await insertPrinciple(coreA, []);
});
afterAll(() => api.close());

describe('dishes: create, edit with versions, restore', () => {
  let id: string;

  it('creates a dish with its names and rubric at version 1, audited', async () => {
    const res = await agent.post('/api/console/dishes').send({ slug: dishSlug, name_ja: '試験の料理', name_en: 'Test dish', rubric: rubric() }).expect(201);
    id = res.body.id;
    expect(res.body).toMatchObject({ slug: dishSlug, name_ja: '試験の料理', version: 1, rubric_source: 'console', rubric: rubric(), updated_by_name: 'Test content' });
    await agent.post('/api/console/dishes').send({ slug: dishSlug, name_ja: 'x', name_en: 'x', rubric: rubric() }).expect(409);
    // Its principles can name it now.
    await api.knex('principles').where({ slug: coreA }).update({ dishes: [dishSlug] });
    await insertPrinciple(coreB, [dishSlug]);
    expect((await api.knex('audit_log').where({ entity_type: 'dish', entity_id: id })).map((a) => a.action)).toEqual(['dish.create']);
  });

  it('an edit is a new version with history; the same content again changes nothing; a stale save is refused', async () => {
    const opened = (await agent.get(`/api/console/dishes/${id}`).expect(200)).body;
    const edited = { ...opened, name_en: 'Test dish, edited', rubric: rubric({ motion: 'still', corePrinciple: coreB, watchFor: ['scorch_risk'] }) };
    const res = await agent.put(`/api/console/dishes/${id}`).send(edited).expect(200);
    expect(res.body).toMatchObject({ version: 2, name_en: 'Test dish, edited', rubric: edited.rubric });
    expect((await agent.put(`/api/console/dishes/${id}`).send(res.body).expect(200)).body.version).toBe(2);
    const stale = await agent.put(`/api/console/dishes/${id}`).send({ ...res.body, version: 1, name_ja: '古い' }).expect(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const versions = (await agent.get(`/api/console/dishes/${id}/versions`).expect(200)).body;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({ edited_by_name: 'Test content', snapshot: { name_en: 'Test dish, edited', rubric: edited.rubric } });
    const audit = await api.knex('audit_log').where({ entity_id: id, action: 'dish.update' }).first();
    expect(audit.before).toMatchObject({ version: 1, rubric: { motion: 'constant' } });
    expect(audit.after).toMatchObject({ version: 2, rubric: { motion: 'still' } });
  });

  it("the pipeline uses the saved rubric and the dish's chosen core principle", async () => {
    const cook = await createTestUser(api.knex, 'learner');
    const [session] = await api.knex('cooking_sessions').insert({ user_id: cook.id, dish_id: id, attempt_number: 1 }).returning('id');
    const context = await loadSessionContext(api.knex, new Map(), session.id);
    expect(context?.rubric).toMatchObject({ slug: dishSlug, name: { ja: '試験の料理', en: 'Test dish, edited' }, motion: 'still', corePrinciple: coreB, watchFor: ['scorch_risk'] });
    expect(await corePrincipleOf(api.knex, dishSlug)).toBe(coreB);
  });

  it('restores an earlier version as a new version', async () => {
    const res = await agent.post(`/api/console/dishes/${id}/versions/1/restore`).expect(200);
    expect(res.body).toMatchObject({ version: 3, name_en: 'Test dish', rubric: rubric() });
    expect((await api.knex('audit_log').where({ entity_id: id, action: 'dish.restore' })).length).toBe(1);
    await agent.post(`/api/console/dishes/${id}/versions/9/restore`).expect(404);
  });

  it.each([
    ['a length range the wrong way round', { expectedSeconds: [300, 60] }, /shorter/],
    ['a core principle that does not exist', { corePrinciple: 'no-such-principle' }, /does not exist/],
    ['an unknown finding code', { watchFor: ['too_salty'] }, /watchFor/],
    ['an unknown motion', { motion: 'shaken' }, /motion/],
  ])('refuses %s', async (_label, overrides, mention) => {
    const current = (await agent.get(`/api/console/dishes/${id}`).expect(200)).body;
    const res = await agent.put(`/api/console/dishes/${id}`).send({ ...current, rubric: rubric(overrides) }).expect(400);
    expect(JSON.stringify(res.body)).toMatch(mention);
  });
});

describe('dishes list (simple-rest)', () => {
  it("shows a dish never edited in the console with knowledge/'s rubric at version 0", async () => {
    const res = await agent.get('/api/console/dishes').query({ filter: JSON.stringify({ q: 'fried-rice' }) }).expect(200);
    const friedRice = res.body.find((d: { slug: string }) => d.slug === 'fried-rice');
    expect(friedRice).toMatchObject({ rubric_source: 'knowledge', rubric: { corePrinciple: 'fried-rice-hot-pan', motion: 'constant' } });
    expect(res.headers['content-range']).toMatch(/^dishes 0-\d+\/\d+$/);
  });

  it('offers the principles and finding codes for the editor', async () => {
    const res = await agent.get('/api/console/dishes/form-options').expect(200);
    expect(res.body.principles.find((p: { slug: string }) => p.slug === coreB)).toMatchObject({ dishes: [dishSlug], published: true });
    expect(res.body.findings).toContain('pan_not_hot');
  });
});
