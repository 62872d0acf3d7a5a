import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi } from '../../../test-support/api-harness';

let api: TestApi;
let dish: { id: string; slug: string };
beforeAll(async () => {
  api = await createTestApi();
  const slug = `sessions-test-${randomUUID().slice(0, 8)}`;
  const [row] = await api.knex('dishes').insert({ slug, name_ja: '炒飯', name_en: 'Fried rice' }).returning('id');
  dish = { id: row.id, slug };
});
afterAll(() => api.close());

async function cook() {
  const user = await createTestUser(api.knex, 'learner');
  return { user, agent: await signIn(api.app, user) };
}

describe('DELETE /api/sessions/:id (cancel)', () => {
  it('removes a session still waiting for its video, with its stored memo, so the next one takes its number', async () => {
    const { user, agent } = await cook();
    const created = await agent.post('/api/sessions').send({ dishSlug: dish.slug }).expect(201);
    expect(created.body.session.attemptNumber).toBe(1);
    const id = created.body.session.id as string;
    const key = `sessions/${id}/voice-memo/${randomUUID()}.webm`;
    await api.storage.put(key, Buffer.from('memo'), { contentType: 'audio/webm' });
    await api.knex('media_assets').insert({ owner_user_id: user.id, session_id: id, kind: 'voice_memo', storage_driver: 'local', storage_key: key });

    const other = await cook();
    await other.agent.delete(`/api/sessions/${id}`).expect(404);
    await agent.delete(`/api/sessions/${id}`).expect(204);
    await agent.get(`/api/sessions/${id}`).expect(404);
    expect(await api.storage.stat(key)).toBeNull();
    expect(await api.knex('media_assets').where({ session_id: id })).toEqual([]);
    const again = await agent.post('/api/sessions').send({ dishSlug: dish.slug }).expect(201);
    expect(again.body.session.attemptNumber).toBe(1);
  });

  it('refuses once the video has arrived (409), and a missing id is a 404', async () => {
    const { agent } = await cook();
    const created = await agent.post('/api/sessions').send({ dishSlug: dish.slug }).expect(201);
    await api.knex('cooking_sessions').where({ id: created.body.session.id }).update({ status: 'uploaded' });
    const res = await agent.delete(`/api/sessions/${created.body.session.id}`).expect(409);
    expect(res.body.error.code).toBe('already_uploaded');
    await agent.delete(`/api/sessions/${randomUUID()}`).expect(404);
  });
});

describe('GET /api/dishes and /api/dishes/:slug/history', () => {
  it('numbers the next session and tracks problems across sessions', async () => {
    const { user, agent } = await cook();
    const problem = (code: string, en: string) => ({ code, problem: { ja: en, en }, why: { ja: 'w', en: 'w' }, evidence: [{ ja: 'e', en: 'e' }] });
    const codes = ['pan_not_hot', 'pan_not_hot', 'not_moving'];
    for (const [i, code] of codes.entries()) {
      const [s] = await api.knex('cooking_sessions')
        .insert({ user_id: user.id, dish_id: dish.id, attempt_number: i + 1, status: 'in_review', coach_text_sent_at: new Date(), self_ratings: JSON.stringify({ taste: i + 2 }) })
        .returning('id');
      await api.knex('analyses').insert({ session_id: s.id, provider: 'local', model: 'm', result: JSON.stringify({ diagnosis: problem(code, `problem ${code}`) }) });
    }
    const dishes = await agent.get('/api/dishes').expect(200);
    expect(dishes.body.dishes.find((d: { slug: string }) => d.slug === dish.slug)).toMatchObject({ nextAttempt: 4, sessionsCoached: 3, name: { ja: '炒飯', en: 'Fried rice' } });

    const res = await agent.get(`/api/dishes/${dish.slug}/history`).expect(200);
    expect(res.body).toMatchObject({ dish: { slug: dish.slug }, nextAttempt: 4, sessionsCoached: 3 });
    expect(res.body.sessions.map((s: { attemptNumber: number }) => s.attemptNumber)).toEqual([3, 2, 1]);
    expect(res.body.sessions[0]).toMatchObject({ diagnosis: { code: 'not_moving' }, selfRatings: { taste: 4 }, posterUrl: null });
    expect(res.body.recurring).toEqual([{ code: 'pan_not_hot', problem: { ja: 'problem pan_not_hot', en: 'problem pan_not_hot' }, sessions: [1, 2], open: false }]);
    expect(res.body.improved).toEqual([{ code: 'pan_not_hot', problem: expect.any(Object), lastSeen: 2, evidence: { session: 3, findingScore: null } }]);

    // A 4th clip the analysis calls not coachable (not real cooking) is never compared: session 3 stays the reference.
    const [s4] = await api.knex('cooking_sessions').insert({ user_id: user.id, dish_id: dish.id, attempt_number: 4, status: 'in_review', coach_text_sent_at: new Date() }).returning('id');
    await api.knex('analyses').insert({ session_id: s4.id, provider: 'local', model: 'm', result: JSON.stringify({ diagnosis: problem('scorch_risk', 'problem scorch_risk'), coachable: false }) });
    const after4 = await agent.get(`/api/dishes/${dish.slug}/history`).expect(200);
    expect(after4.body.improved).toEqual(res.body.improved);
    // A 5th coachable session that still shows pan_not_hot among its findings: no longer claimed as improved.
    const [s5] = await api.knex('cooking_sessions').insert({ user_id: user.id, dish_id: dish.id, attempt_number: 5, status: 'in_review', coach_text_sent_at: new Date() }).returning('id');
    await api.knex('analyses').insert({ session_id: s5.id, provider: 'local', model: 'm', result: JSON.stringify({ diagnosis: problem('not_moving', 'problem not_moving'), findings: [{ code: 'pan_not_hot', score: 0.6 }] }) });
    const after5 = await agent.get(`/api/dishes/${dish.slug}/history`).expect(200);
    expect(after5.body.improved).toEqual([]);

    // Another cook sees only their own (empty) history of the same dish.
    const other = await cook();
    const theirs = await other.agent.get(`/api/dishes/${dish.slug}/history`).expect(200);
    expect(theirs.body).toMatchObject({ sessions: [], nextAttempt: 1, recurring: [], improved: [] });
    await agent.get('/api/dishes/no-such-dish/history').expect(404);
  });

  it('lists sessions with a signed poster of the cook’s own upload', async () => {
    const { user, agent } = await cook();
    const created = await agent.post('/api/sessions').send({ dishSlug: dish.slug }).expect(201);
    const key = `sessions/${created.body.session.id}/poster/${randomUUID()}.jpg`;
    await api.storage.put(key, Buffer.from([0xff, 0xd8, 0xff, 0xd9]), { contentType: 'image/jpeg' });
    await api.knex('media_assets').insert({ owner_user_id: user.id, session_id: created.body.session.id, kind: 'poster', storage_driver: 'local', storage_key: key, probe: '{}' });
    const res = await agent.get('/api/sessions').expect(200);
    expect(res.body.sessions[0].posterUrl).toMatch(/^\/api\/media\/sessions\/.+sig=/);
    await agent.get(res.body.sessions[0].posterUrl).expect(200);
  });
});
