import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalLexicalEmbedding } from '@ajimi/core/providers/embeddings/local-lexical-embedding';
import { reembedPrinciple } from '@ajimi/core/services/pipeline/reembed-principle';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../../test-support/api-harness';

type Agent = Awaited<ReturnType<typeof signIn>>;

let api: TestApi;
let editor: TestUser;
let agent: Agent;
const marker = `kb${randomUUID().slice(0, 6)}`;
const embeddings = new LocalLexicalEmbedding();
const stage = { logger: pino({ level: 'silent' }), signal: new AbortController().signal, send: async () => null };

beforeAll(async () => {
  api = await createTestApi();
  editor = await createTestUser(api.knex, 'content');
  agent = await signIn(api.app, editor);
});
afterAll(() => api.close());

function principle(slug: string, overrides: Record<string, unknown> = {}) {
  return {
    slug,
    title_ja: `${marker} 強火の原則`,
    title_en: `${marker} High heat principle`,
    dishes: ['fried-rice'],
    is_core: false,
    skill: { ja: '鍋を十分に熱してから具材を入れる。', en: 'Add food only once the pan is hot.' },
    symptoms: [
      { ja: '具材を入れても音が弱い。', en: 'The sizzle stays weak after adding food.', sense: 'sound' },
      { ja: 'ご飯がべちゃっとする。', en: 'The rice turns soggy.', sense: 'texture' },
    ],
    why: { ja: '冷たい鍋では水分が飛ばず蒸れるから。', en: 'A cold pan steams instead of frying.' },
    next_action: { ja: '油が揺らぐまで30秒待つ。', en: 'Wait 30 seconds for the oil to shimmer.' },
    success_signs: { sight: { ja: '油が揺らぐ。', en: 'The oil shimmers.' }, sound: { ja: 'ジュッと鳴る。', en: 'A loud sizzle.' } },
    addresses: ['pan_not_hot'],
    body_md: '強火で炒めます。\n\n## English\n\nFry on high heat.',
    published: true,
    ...overrides,
  };
}

const slugOf = (name: string) => `${marker}-${name}`;
const jobsFor = (id: string) => api.knex('pgboss.job').where({ name: 'reembed' }).whereLike('singleton_key', `${id}:%`).orderBy('created_on').pluck('singleton_key');

describe('principles: create, draft, publish, versions', () => {
  let id: string;

  it('creates a principle at version 1, audited, with an embedding job queued', async () => {
    const res = await agent.post('/api/console/principles').send(principle(slugOf('a'))).expect(201);
    id = res.body.id;
    expect(res.body).toMatchObject({ slug: slugOf('a'), version: 1, source: 'console', published: true, embedding_status: 'pending', chunk_count: 0, updated_by: editor.id });
    expect(res.body.symptoms).toHaveLength(2);
    const versions = await agent.get(`/api/console/principles/${id}/versions`).expect(200);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(versions.body[0].snapshot).toMatchObject({ slug: slugOf('a'), title_ja: `${marker} 強火の原則` });
    expect(await jobsFor(id)).toEqual([`${id}:v1`]);
    const audit = await api.knex('audit_log').where({ entity_type: 'principle', entity_id: id });
    expect(audit.map((a) => [a.action, a.actor_user_id])).toEqual([['principle.create', editor.id]]);
  });

  it('an edit is saved as a draft: the live version, its chunks and retrieval stay as they were', async () => {
    await api.knex('principles').where({ id }).update({ embedding_status: 'ready', embedded_version: 1 });
    const opened = (await agent.get(`/api/console/principles/${id}`).expect(200)).body;
    expect(opened).toMatchObject({ draft: null, draft_revision: 0, version: 1 });
    const edited = { ...opened, why: { ja: '鍋が冷たいと水分が残るから。', en: 'A cold pan leaves the water in.' } };
    const res = await agent.put(`/api/console/principles/${id}`).send(edited).expect(200);
    expect(res.body).toMatchObject({ version: 1, embedding_status: 'ready', why: opened.why, draft: { why: edited.why }, draft_revision: 1, draft_updated_by_name: 'Test content' });
    expect(await jobsFor(id)).toEqual([`${id}:v1`]);
    expect((await agent.get(`/api/console/principles/${id}/versions`).expect(200)).body.map((v: { version: number }) => v.version)).toEqual([1]);
    const listed = await agent.get('/api/console/principles').query({ filter: JSON.stringify({ id: [id] }) }).expect(200);
    expect(listed.body[0]).toMatchObject({ has_draft: true, version: 1 });
    const saved = await api.knex('audit_log').where({ entity_id: id, action: 'principle.save_draft' }).first();
    expect(saved.before).toEqual({ version: 1, why: opened.why });
    expect(saved.after).toEqual({ why: edited.why });
  });

  it('saving the same draft again changes nothing; a save from an older revision is refused', async () => {
    const current = (await agent.get(`/api/console/principles/${id}`).expect(200)).body;
    const res = await agent.put(`/api/console/principles/${id}`).send({ ...current, ...current.draft }).expect(200);
    expect(res.body.draft_revision).toBe(1);
    const stale = await agent.put(`/api/console/principles/${id}`).send({ ...current, ...current.draft, draft_revision: 0, body_md: 'stale' }).expect(409);
    expect(stale.body.error.code).toBe('version_conflict');
  });

  it('publishing the draft makes version 2 (snapshot, audit of what changed) and queues its own re-embedding', async () => {
    const opened = (await agent.get(`/api/console/principles/${id}`).expect(200)).body;
    await agent.post(`/api/console/principles/${id}/publish`).send({ draft_revision: 0 }).expect(409);
    const res = await agent.post(`/api/console/principles/${id}/publish`).send({ draft_revision: opened.draft_revision }).expect(200);
    expect(res.body).toMatchObject({ version: 2, embedding_status: 'pending', embedded_version: 1, why: opened.draft.why, draft: null, published: true });
    const versions = (await agent.get(`/api/console/principles/${id}/versions`).expect(200)).body;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({ edited_by: editor.id, edited_by_name: 'Test content' });
    expect(versions[0].snapshot.why).toEqual(opened.draft.why);
    const publish = await api.knex('audit_log').where({ entity_id: id, action: 'principle.publish' }).first();
    expect(publish.before).toEqual({ version: 1, published: true, why: opened.why });
    expect(publish.after).toEqual({ version: 2, published: true, why: opened.draft.why });
    expect(await jobsFor(id)).toEqual([`${id}:v1`, `${id}:v2`]);
  });

  it('restores an earlier version as a draft, and discards a draft', async () => {
    const restored = (await agent.post(`/api/console/principles/${id}/versions/1/restore`).expect(200)).body;
    expect(restored).toMatchObject({ version: 2, draft: { why: { ja: '冷たい鍋では水分が飛ばず蒸れるから。', en: 'A cold pan steams instead of frying.' } } });
    const discarded = (await agent.post(`/api/console/principles/${id}/discard-draft`).expect(200)).body;
    expect(discarded).toMatchObject({ version: 2, draft: null });
    await agent.post(`/api/console/principles/${id}/versions/9/restore`).expect(404);
    const actions = await api.knex('audit_log').where({ entity_id: id }).whereLike('action', 'principle.%draft').orderBy('id').pluck('action');
    expect(actions).toEqual(['principle.save_draft', 'principle.save_draft', 'principle.discard_draft']);
  });

  it('publishes and unpublishes, each audited once', async () => {
    const mark = (await api.knex('audit_log').max('id as max').first())!.max;
    expect((await agent.post(`/api/console/principles/${id}/unpublish`).expect(200)).body.published).toBe(false);
    expect((await agent.post(`/api/console/principles/${id}/unpublish`).expect(200)).body.published).toBe(false);
    expect((await agent.post(`/api/console/principles/${id}/publish`).expect(200)).body).toMatchObject({ published: true, version: 2 });
    const actions = await api.knex('audit_log').where({ entity_id: id }).where('id', '>', mark).whereLike('action', 'principle.%publish').orderBy('id').pluck('action');
    expect(actions).toEqual(['principle.unpublish', 'principle.publish']);
  });

  it.each([
    ['an unknown dish', { dishes: ['no-such-dish'] }, 400, /dish/],
    ['a single success sign', { success_signs: { sight: { ja: '色', en: 'Colour' } } }, 400, /two senses/],
    ['an unknown finding code', { addresses: ['too_salty'] }, 400, /addresses/],
    ['an empty Japanese skill', { skill: { ja: ' ', en: 'x' } }, 400, /skill\.ja/],
    ['an unknown field', { secret: 1 }, 400, /secret/],
    ['a bad slug', { slug: 'Not A Slug' }, 400, /slug/],
  ])('refuses %s', async (_label, overrides, status, mention) => {
    const res = await agent.post('/api/console/principles').send(principle(slugOf(randomUUID().slice(0, 4)), overrides)).expect(status);
    expect(JSON.stringify(res.body)).toMatch(mention);
  });

  it('refuses a taken slug and a second core principle for a dish', async () => {
    expect((await agent.post('/api/console/principles').send(principle(slugOf('a'))).expect(409)).body.error.code).toBe('slug_taken');
    const core = await agent.post('/api/console/principles').send(principle(slugOf('core'), { is_core: true })).expect(409);
    expect(core.body.error.code).toBe('core_taken');
  });
});

describe('principles list (simple-rest)', () => {
  let listC: string;
  beforeAll(async () => {
    await agent.post('/api/console/principles').send(principle(slugOf('list-b'), { published: false, dishes: ['tamagoyaki'] })).expect(201);
    listC = (await agent.post('/api/console/principles').send(principle(slugOf('list-c'), { body_md: `${marker}-needle がここに。` })).expect(201)).body.id;
  });

  it('searches by q, filters by dish, published and embedding status, and counts', async () => {
    const all = await agent.get('/api/console/principles').query({ filter: JSON.stringify({ q: marker }), sort: '["slug","ASC"]' }).expect(200);
    expect(all.body.map((p: { slug: string }) => p.slug)).toEqual([slugOf('a'), slugOf('list-b'), slugOf('list-c')]);
    expect(all.headers['content-range']).toBe('principles 0-2/3');
    const needle = await agent.get('/api/console/principles').query({ filter: JSON.stringify({ q: `${marker}-needle` }) }).expect(200);
    expect(needle.body.map((p: { slug: string }) => p.slug)).toEqual([slugOf('list-c')]);
    const dish = await agent.get('/api/console/principles').query({ filter: JSON.stringify({ q: marker, dish: 'tamagoyaki' }) }).expect(200);
    expect(dish.body.map((p: { slug: string }) => p.slug)).toEqual([slugOf('list-b')]);
    const drafts = await agent.get('/api/console/principles').query({ filter: JSON.stringify({ q: marker, published: false }) }).expect(200);
    expect(drafts.body.map((p: { slug: string }) => p.slug)).toEqual([slugOf('list-b')]);
    // The worker suites (jobs/) embed every pending principle of the shared database, ours included,
    // at any moment: the status filter is checked row by row, with one principle embedded here.
    await api.knex('pgboss.job').where({ name: 'reembed' }).whereLike('singleton_key', `${listC}:%`).delete();
    await reembedPrinciple({ knex: api.knex, embeddings }, listC, stage);
    const ready = await agent.get('/api/console/principles').query({ filter: JSON.stringify({ q: marker, embedding_status: 'ready' }) }).expect(200);
    expect(ready.body.map((p: { slug: string }) => p.slug)).toContain(slugOf('list-c'));
    const pending = await agent.get('/api/console/principles').query({ filter: JSON.stringify({ q: marker, embedding_status: 'pending' }) }).expect(200);
    expect(pending.body.map((p: { slug: string }) => p.slug)).not.toContain(slugOf('list-c'));
    for (const row of [...ready.body, ...pending.body]) expect(row.embedding_status).toBe(ready.body.includes(row) ? 'ready' : 'pending');
  });

  it('offers the dishes and finding codes for the editor', async () => {
    const res = await agent.get('/api/console/principles/form-options').expect(200);
    expect(res.body.dishes.map((d: { slug: string }) => d.slug)).toContain('fried-rice');
    expect(res.body.findings).toContain('pan_not_hot');
  });
});

describe('retrieval tester', () => {
  it('returns what the pipeline would retrieve, and reflects an edit once it is re-embedded', async () => {
    const word = `${marker}ゆらぎ`;
    const created = (await agent.post('/api/console/principles').send(principle(slugOf('tester'), { body_md: '鍋の話。\n\n## English\n\nAbout pans.' })).expect(201)).body;
    await reembedPrinciple({ knex: api.knex, embeddings }, created.id, stage);

    const question = `${word} が見えるまで待つ`;
    const before = await agent.post('/api/console/retrieval').send({ question, dish: 'fried-rice' }).expect(200);
    expect(before.body).toMatchObject({ query: question, model: embeddings.model, dish: 'fried-rice', session: null });
    expect(before.body.chunks.length).toBeGreaterThan(0);
    expect(before.body.chunks.length).toBeLessThanOrEqual(12);
    expect(before.body.principles.length).toBeLessThanOrEqual(5);
    expect(before.body.chunks.some((c: { content: string }) => c.content.includes(word))).toBe(false);

    // The content editor writes the word into the principle; the worker re-embeds the new version.
    // A draft is not what retrieval searches: only its publication (and re-embedding) changes the answer.
    const opened = (await agent.get(`/api/console/principles/${created.id}`).expect(200)).body;
    await agent.put(`/api/console/principles/${created.id}`).send({ ...opened, body_md: `${word} が見えたら具材を入れる。\n\n## English\n\nAdd food when it shimmers.` }).expect(200);
    await reembedPrinciple({ knex: api.knex, embeddings }, created.id, stage);
    const drafted = await agent.post('/api/console/retrieval').send({ question, dish: 'fried-rice' }).expect(200);
    expect(drafted.body.chunks.some((c: { content: string }) => c.content.includes(word))).toBe(false);
    await agent.post(`/api/console/principles/${created.id}/publish`).expect(200);
    await reembedPrinciple({ knex: api.knex, embeddings }, created.id, stage);
    // A worker of another suite may be embedding the same version too (its sweeper queues every pending
    // principle): wait until that settles, as the console's live chip does.
    await expect
      .poll(async () => (await agent.get(`/api/console/principles/${created.id}`).expect(200)).body, { timeout: 30_000 })
      .toMatchObject({ embedding_status: 'ready', version: 2, embedded_version: 2, embedding_model: embeddings.model });

    const after = await agent.post('/api/console/retrieval').send({ question, dish: 'fried-rice' }).expect(200);
    expect(after.body.principles[0]).toMatchObject({ principleId: created.id, slug: slugOf('tester') });
    expect(after.body.chunks[0].content).toContain(word);
    expect(after.body.chunks[0].score).toBeGreaterThan(after.body.chunks.at(-1).score - 1e-9);

    // Unpublished principles are not retrieved, exactly as in the pipeline.
    await agent.post(`/api/console/principles/${created.id}/unpublish`).expect(200);
    const hidden = await agent.post('/api/console/retrieval').send({ question, dish: 'fried-rice' }).expect(200);
    expect(hidden.body.chunks.some((c: { principleId: string }) => c.principleId === created.id)).toBe(false);
  });

  it("runs a real session's query: the dish and its diagnosis, and shows what the stage stored", async () => {
    const cook = await createTestUser(api.knex, 'learner');
    const dish = await api.knex('dishes').where({ slug: 'fried-rice' }).first('id');
    const [session] = await api.knex('cooking_sessions').insert({ user_id: cook.id, dish_id: dish.id, attempt_number: 1, status: 'coaching' }).returning('id');
    const diagnosis = {
      code: 'pan_not_hot',
      problem: { ja: '具材を入れたときの音が弱い', en: 'The sizzle was weak when the food went in' },
      why: { ja: '鍋が十分に熱くなかった', en: 'The pan was not hot enough' },
      evidence: [{ ja: '音', en: 'sound' }],
    };
    const stored = { query: 'old', model: embeddings.model, principles: [], pastSessions: [] };
    await api.knex('analyses').insert({
      session_id: session.id,
      provider: 'local',
      model: 'rules',
      result: JSON.stringify({ events: [], keyMoments: [{ start: 1, end: 5, reason: diagnosis.problem, cue: {}, score: 0.5 }], diagnosis, findings: [] }),
      retrieval: JSON.stringify(stored),
    });
    const res = await agent.post('/api/console/retrieval').send({ sessionId: session.id }).expect(200);
    expect(res.body.query).toBe('チャーハン 具材を入れたときの音が弱い 鍋が十分に熱くなかった\nFried rice The sizzle was weak when the food went in The pan was not hot enough');
    expect(res.body.dish).toBe('fried-rice');
    expect(res.body.session).toMatchObject({ id: session.id, attemptNumber: 1, stored });
    const choices = await agent.get('/api/console/retrieval/sessions').expect(200);
    expect(choices.body.map((c: { id: string }) => c.id)).toContain(session.id);
    await agent.post('/api/console/retrieval').send({ sessionId: randomUUID() }).expect(404);
    await agent.post('/api/console/retrieval').send({ question: '' }).expect(400);
  });
});
