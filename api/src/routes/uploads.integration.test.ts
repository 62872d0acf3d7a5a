import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../test-support/api-harness';

let api: TestApi;
let server: Server;
let base: string;
let cook: TestUser;
let cookie: string;

async function cookieFor(user: TestUser): Promise<string> {
  const agent = await signIn(api.app, user);
  const res = await agent.post('/api/auth/login').send({ email: user.email, password: user.password });
  return (res.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
}

async function newSession(c = cookie): Promise<string> {
  const res = await fetch(`${base}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: c },
    body: JSON.stringify({ dishSlug: 'fried-rice', note: '強火で', selfRatings: { taste: 3 } }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { session: { id: string } }).session.id;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
function createUpload(c: string, size: number, meta: Record<string, string>): Promise<Response> {
  return fetch(`${base}/api/uploads`, {
    method: 'POST',
    headers: {
      cookie: c,
      'tus-resumable': '1.0.0',
      'upload-length': String(size),
      'upload-metadata': Object.entries(meta).map(([k, v]) => `${k} ${b64(v)}`).join(','),
    },
  });
}

/** Starts a tus upload and aborts it after its first 1 MB chunk; returns the upload's URL. */
function uploadFirstChunk(bytes: Buffer, metadata: Record<string, string>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const upload = new tus.Upload(bytes, {
      endpoint: `${base}/api/uploads`,
      chunkSize: 1024 * 1024,
      headers: { cookie },
      metadata,
      onChunkComplete: () => {
        const url = upload.url!;
        void upload.abort().then(() => resolve(url));
      },
      onError: reject,
    });
    upload.start();
  });
}

beforeAll(async () => {
  api = await createTestApi();
  cook = await createTestUser(api.knex, 'learner');
  cookie = await cookieFor(cook);
  server = api.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await api.close();
});

describe('resumable uploads', () => {
  it('numbers sessions per dish: Session 1, 2, …', async () => {
    const first = await newSession();
    const second = await newSession();
    const rows = await api.knex('cooking_sessions').whereIn('id', [first, second]).orderBy('attempt_number').pluck('attempt_number');
    expect(rows[1]! - rows[0]!).toBe(1);
  });

  it('resumes an interrupted upload, stores it once and queues ingest exactly once', async () => {
    const sessionId = await newSession();
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 123, 7);
    // First attempt: aborted after the first chunk.
    const uploadUrl = await uploadFirstChunk(bytes, { sessionId, kind: 'source_video', filename: 'pan.mov', filetype: 'video/quicktime' });
    expect(uploadUrl).toMatch(new RegExp(`/api/uploads/${cook.id}_`));
    const head = await fetch(uploadUrl, { method: 'HEAD', headers: { cookie, 'tus-resumable': '1.0.0' } });
    expect(Number(head.headers.get('upload-offset'))).toBe(1024 * 1024);

    // Second attempt resumes from the offset the server has.
    let resumedFrom = -1;
    await new Promise<void>((resolve, reject) => {
      const upload = new tus.Upload(bytes, {
        endpoint: `${base}/api/uploads`,
        uploadUrl: uploadUrl,
        chunkSize: 1024 * 1024,
        headers: { cookie },
        metadata: { sessionId, kind: 'source_video', filename: 'pan.mov', filetype: 'video/quicktime' },
        onProgress: (sent) => {
          if (resumedFrom < 0) resumedFrom = sent;
        },
        onSuccess: () => resolve(),
        onError: reject,
      });
      upload.start();
    });
    expect(resumedFrom).toBeGreaterThanOrEqual(1024 * 1024);

    const assets = await api.knex('media_assets').where({ session_id: sessionId });
    expect(assets).toHaveLength(1);
    expect(assets[0]).toMatchObject({ kind: 'source_video', size_bytes: bytes.length, original_filename: 'pan.mov' });
    expect(assets[0].storage_key).toMatch(new RegExp(`^sessions/${sessionId}/source-video/[0-9a-f-]{36}\\.mov$`));
    const stored = await api.storage.stat(assets[0].storage_key);
    expect(stored?.size).toBe(bytes.length);

    const session = await api.knex('cooking_sessions').where({ id: sessionId }).first();
    expect(session.status).toBe('uploaded');
    expect(session.uploaded_at).not.toBeNull();
    const jobs = await api.knex('pgboss.job').where({ name: 'ingest', singleton_key: sessionId });
    expect(jobs).toHaveLength(1);
    expect(jobs[0].data).toEqual({ sessionId });
  });

  it('an upload interrupted by an API restart resumes on the new process, and the cook’s login survives', async () => {
    const sessionId = await newSession();
    const bytes = Buffer.alloc(2 * 1024 * 1024 + 7, 3);
    const uploadUrl = await uploadFirstChunk(bytes, { sessionId, kind: 'source_video', filename: 'restart.mp4', filetype: 'video/mp4' });
    // The API process goes away; a new one (fresh tus server, fresh routers) takes its place.
    const restarted = api.restartApp().listen(0, '127.0.0.1');
    await new Promise((r) => restarted.once('listening', r));
    const newBase = `http://127.0.0.1:${(restarted.address() as AddressInfo).port}`;
    try {
      const resumeUrl = uploadUrl.replace(base, newBase);
      const head = await fetch(resumeUrl, { method: 'HEAD', headers: { cookie, 'tus-resumable': '1.0.0' } });
      expect(Number(head.headers.get('upload-offset'))).toBe(1024 * 1024);
      await new Promise<void>((resolve, reject) => {
        const upload = new tus.Upload(bytes, {
          endpoint: `${newBase}/api/uploads`,
          uploadUrl: resumeUrl,
          chunkSize: 1024 * 1024,
          headers: { cookie },
          metadata: { sessionId, kind: 'source_video', filename: 'restart.mp4', filetype: 'video/mp4' },
          onSuccess: () => resolve(),
          onError: reject,
        });
        upload.start();
      });
      const assets = await api.knex('media_assets').where({ session_id: sessionId });
      expect(assets).toHaveLength(1);
      expect((await api.storage.stat(assets[0].storage_key))?.size).toBe(bytes.length);
      expect(await api.knex('pgboss.job').where({ name: 'ingest', singleton_key: sessionId }).count({ n: '*' }).first()).toEqual({ n: 1 });
    } finally {
      restarted.close();
    }
  });

  it('refuses bad metadata, empty and oversized files, and other people’s sessions', async () => {
    const sessionId = await newSession();
    expect((await createUpload(cookie, 100, { kind: 'source_video' })).status).toBe(400);
    expect((await createUpload(cookie, 100, { sessionId, kind: 'photo' })).status).toBe(400);
    expect((await createUpload(cookie, 0, { sessionId, kind: 'source_video' })).status).toBe(400);
    const big = await createUpload(cookie, 5 * 1024 ** 3, { sessionId, kind: 'source_video' });
    expect(big.status).toBe(413);

    const other = await createTestUser(api.knex, 'learner');
    const otherCookie = await cookieFor(other);
    const stolen = await createUpload(otherCookie, 100, { sessionId, kind: 'source_video' });
    expect(stolen.status).toBe(404);

    // An upload id of someone else cannot be read or continued.
    const mine = await createUpload(cookie, 100, { sessionId, kind: 'source_video' });
    expect(mine.status).toBe(201);
    const location = new URL(mine.headers.get('location')!, base).toString();
    const peek = await fetch(location, { method: 'HEAD', headers: { cookie: otherCookie, 'tus-resumable': '1.0.0' } });
    expect(peek.status).toBe(404);
    const anonymous = await fetch(location, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } });
    expect(anonymous.status).toBe(401);
  });

  it('accepts an optional voice memo for the same session without starting the pipeline', async () => {
    const sessionId = await newSession();
    await new Promise<void>((resolve, reject) => {
      new tus.Upload(Buffer.from('memo-bytes'), {
        endpoint: `${base}/api/uploads`,
        headers: { cookie },
        metadata: { sessionId, kind: 'voice_memo', filename: 'memo.webm', filetype: 'audio/webm' },
        onSuccess: () => resolve(),
        onError: reject,
      }).start();
    });
    const memo = await api.knex('media_assets').where({ session_id: sessionId, kind: 'voice_memo' }).first();
    expect(memo.storage_key).toMatch(/voice-memo\/.+\.webm$/);
    expect((await api.knex('cooking_sessions').where({ id: sessionId }).first()).status).toBe('created');
  });
});
