import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi } from '../../../test-support/api-harness';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ STORAGE_QUOTA_PER_USER_MB: '1' });
});
afterAll(() => api.close());

const b64 = (s: string) => Buffer.from(s).toString('base64');
type Agent = Awaited<ReturnType<typeof signIn>>;

async function cook(): Promise<{ id: string; agent: Agent; sessionId: string }> {
  const user = await createTestUser(api.knex, 'learner');
  const agent = await signIn(api.app, user);
  const { body } = await agent.post('/api/sessions').send({ dishSlug: 'fried-rice' }).expect(201);
  return { id: user.id, agent, sessionId: body.session.id };
}

function create(agent: Agent, sessionId: string, kind: string, size: number, filename: string) {
  return agent
    .post('/api/uploads')
    .set({ 'tus-resumable': '1.0.0', 'upload-length': String(size), 'upload-metadata': `sessionId ${b64(sessionId)},kind ${b64(kind)},filename ${b64(filename)}` });
}

/** The whole tus exchange: create, then one PATCH with every byte. */
async function uploadMemo(agent: Agent, sessionId: string, bytes: Buffer): Promise<void> {
  const created = await create(agent, sessionId, 'voice_memo', bytes.length, 'memo.m4a').expect(201);
  await agent
    .patch(created.headers.location as string)
    .set({ 'tus-resumable': '1.0.0', 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' })
    .send(bytes)
    .expect(204);
}

describe('storage per cook', () => {
  it('refuses an upload that would go over the quota, saying how much is left', async () => {
    const { id, agent, sessionId } = await cook();
    await api.knex('media_assets').insert({ owner_user_id: id, session_id: sessionId, kind: 'source_video', storage_driver: 'local', storage_key: `quota-test/${id}.mp4`, size_bytes: 900 * 1024 });
    const refused = await create(agent, sessionId, 'voice_memo', 200 * 1024, 'memo.m4a').expect(413);
    expect(refused.text).toContain('storage_quota_exceeded');
    expect(refused.text).toMatch(/保存容量の上限/);
    expect(refused.text).toMatch(/storage quota of 1 MB/);
    await create(agent, sessionId, 'voice_memo', 50 * 1024, 'memo.m4a').expect(201);
    // Deleted files do not count.
    await api.knex('media_assets').where({ storage_key: `quota-test/${id}.mp4` }).update({ deleted_at: new Date() });
    await create(agent, sessionId, 'voice_memo', 200 * 1024, 'memo.m4a').expect(201);
  });

  it('keeps one voice memo per session: a new one replaces the old, whose file is removed', async () => {
    const { agent, sessionId } = await cook();
    for (let i = 0; i < 3; i++) await uploadMemo(agent, sessionId, randomBytes(2000 + i));
    const memos = await api.knex('media_assets').where({ session_id: sessionId, kind: 'voice_memo' }).orderBy('created_at');
    expect(memos).toHaveLength(3);
    expect(memos.map((m) => m.deleted_at === null)).toEqual([false, false, true]);
    expect(Number(memos[2].size_bytes)).toBe(2002);
    expect(await api.storage.stat(memos[0].storage_key)).toBeNull();
    expect(await api.storage.stat(memos[1].storage_key)).toBeNull();
    expect(await api.storage.stat(memos[2].storage_key)).not.toBeNull();
  });
});
