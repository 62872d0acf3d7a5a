import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../test-support/api-harness';

/**
 * Issue 16: after the server rejected the cook's file (e.g. not a video), another file goes to the
 * same session: its number is kept and no new session is used up. Anything else stays refused.
 */
let api: TestApi;
let server: Server;
let base: string;
let cook: TestUser;
let cookie: string;

beforeAll(async () => {
  api = await createTestApi();
  cook = await createTestUser(api.knex, 'learner');
  const agent = await signIn(api.app, cook);
  const res = await agent.post('/api/auth/login').send({ email: cook.email, password: cook.password });
  cookie = (res.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
  server = api.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await api.close();
});

async function newSession(): Promise<{ id: string; attemptNumber: number }> {
  const res = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ dishSlug: 'omelette' }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { session: { id: string; attemptNumber: number } }).session;
}

function upload(sessionId: string, bytes: Buffer, filename: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    new tus.Upload(bytes, {
      endpoint: `${base}/api/uploads`,
      chunkSize: 1024 * 1024,
      retryDelays: [], // a refusal is the answer, not a fault to retry
      headers: { cookie },
      metadata: { sessionId, kind: 'source_video', filename, filetype: 'video/mp4' },
      onSuccess: () => resolve(),
      onError: reject,
    }).start();
  });
}

const sessionView = async (id: string) => {
  const res = await fetch(`${base}/api/sessions/${id}`, { headers: { cookie } });
  return ((await res.json()) as { session: { attemptNumber: number; status: string; acceptsNewVideo: boolean } }).session;
};

describe('another file for the same session', () => {
  it('after a permanent rejection of the file: accepted, same session number, the rejection cleared, ingest queued again', async () => {
    const session = await newSession();
    await upload(session.id, Buffer.alloc(200_000, 1), 'notes.mp4');
    // What ingest does with a file that is not a video (core/src/services/pipeline/ingest-video.ts).
    await api.knex('cooking_sessions').where({ id: session.id }).update({ status: 'failed', failed_stage: 'ingest', failure_code: 'not_media', failure_reason: 'この動画は使えませんでした：…', failed_at: api.knex.fn.now() });
    await api.knex('pgboss.job').where({ name: 'ingest', singleton_key: session.id }).update({ state: 'completed' });
    expect(await sessionView(session.id)).toMatchObject({ status: 'failed', acceptsNewVideo: true });
    const sessionsBefore = await api.knex('cooking_sessions').where({ user_id: cook.id }).count({ n: '*' }).first();

    await upload(session.id, Buffer.alloc(300_000, 2), 'real.mp4');
    const row = await api.knex('cooking_sessions').where({ id: session.id }).first();
    expect(row).toMatchObject({ status: 'uploaded', attempt_number: session.attemptNumber, failed_stage: null, failure_code: null, failure_reason: null });
    expect(await api.knex('cooking_sessions').where({ user_id: cook.id }).count({ n: '*' }).first()).toEqual(sessionsBefore);
    const videos = await api.knex('media_assets').where({ session_id: session.id, kind: 'source_video' }).orderBy('created_at');
    expect(videos.map((v) => v.original_filename)).toEqual(['notes.mp4', 'real.mp4']);
    expect(await api.knex('pgboss.job').where({ name: 'ingest', singleton_key: session.id }).whereIn('state', ['created', 'retry', 'active'])).toHaveLength(1);
    expect(await sessionView(session.id)).toMatchObject({ status: 'uploaded', acceptsNewVideo: true });
  });

  it('refuses another file once the session failed for another reason, or is being processed', async () => {
    for (const failure of [
      { status: 'failed', failed_stage: 'analyze', failure_code: null },
      { status: 'failed', failed_stage: 'ingest', failure_code: 'processing_failed' },
      { status: 'analyzing', failed_stage: null, failure_code: null },
    ]) {
      const session = await newSession();
      await api.knex('cooking_sessions').where({ id: session.id }).update(failure);
      expect((await sessionView(session.id)).acceptsNewVideo).toBe(false);
      await expect(upload(session.id, Buffer.alloc(1000, 3), 'again.mp4')).rejects.toThrow(/409|already_processing/);
    }
  });
});
