import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../test-support/api-harness';
import { tusPatch } from '../../../test-support/tus-patch';

/**
 * Cook Cam uploads while filming: tus creation-defer-length (https://tus.io/protocols/resumable-upload#upload-defer-length).
 * POST carries `Upload-Defer-Length: 1`; PATCHes append; the last PATCH carries `Upload-Length`.
 */
let api: TestApi;
let server: Server;
let base: string;
let cook: TestUser;
let cookie: string;
/** The API's warnings (and worse), one JSON line each. */
const warnings: string[] = [];

const b64 = (s: string) => Buffer.from(s).toString('base64');
const meta = (m: Record<string, string>) => Object.entries(m).map(([k, v]) => `${k} ${b64(v)}`).join(',');

async function newSession(): Promise<string> {
  const res = await fetch(`${base}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ dishSlug: 'fried-rice' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { session: { id: string } }).session.id;
}

function createDeferred(m: Record<string, string>): Promise<Response> {
  return fetch(`${base}/api/uploads`, {
    method: 'POST',
    headers: { cookie, 'tus-resumable': '1.0.0', 'upload-defer-length': '1', 'upload-metadata': meta(m) },
  });
}

const patch = (url: string, offset: number, body: Buffer, length?: number) => tusPatch(url, cookie, offset, body, length);

/** Cook Cam's live-signals jobs for a session (one waits at a time: the singleton key). */
const liveSignalsJobs = (sessionId: string) => api.knex('pgboss.job').where({ name: 'live-signals', singleton_key: `live:${sessionId}` });

async function waitForLiveSignalsJob(sessionId: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if ((await liveSignalsJobs(sessionId)).length > 0) return;
  }
  throw new Error(`no live-signals job was queued for session ${sessionId}`);
}

beforeAll(async () => {
  api = await createTestApi({}, { logger: pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) }) });
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

describe('uploads with a deferred length (filming while uploading)', () => {
  it('appends chunks as they are filmed and finishes when the last PATCH declares the length', async () => {
    const sessionId = await newSession();
    const created = await createDeferred({ sessionId, kind: 'source_video', filename: 'cookcam.webm', filetype: 'video/webm' });
    expect(created.status).toBe(201);
    const url = new URL(created.headers.get('location')!, base).toString();

    const a = Buffer.alloc(300_000, 1);
    const b = Buffer.alloc(200_000, 2);
    const c = Buffer.alloc(50_000, 3);
    expect((await patch(url, 0, a)).status).toBe(204);

    // Still filming: HEAD says the length is deferred and where to continue.
    const head = await fetch(url, { method: 'HEAD', headers: { cookie, 'tus-resumable': '1.0.0' } });
    expect(head.headers.get('upload-defer-length')).toBe('1');
    expect(Number(head.headers.get('upload-offset'))).toBe(a.length);
    // A chunk resent after a dropped response is refused (wrong offset) instead of being stored twice.
    expect((await patch(url, 0, a)).status).toBe(409);

    expect((await patch(url, a.length, b)).status).toBe(204);
    let session = await api.knex('cooking_sessions').where({ id: sessionId }).first();
    expect(session.status).toBe('created');

    const total = a.length + b.length + c.length;
    const last = await patch(url, a.length + b.length, c, total);
    expect(last.status).toBe(204);
    expect(Number(last.headers.get('upload-offset'))).toBe(total);

    const assets = await api.knex('media_assets').where({ session_id: sessionId });
    expect(assets).toHaveLength(1);
    expect(assets[0]).toMatchObject({ kind: 'source_video', size_bytes: total, original_filename: 'cookcam.webm' });
    const stored = await api.storage.stat(assets[0].storage_key);
    expect(stored?.size).toBe(total);
    session = await api.knex('cooking_sessions').where({ id: sessionId }).first();
    expect(session.status).toBe('uploaded');
    expect(await api.knex('pgboss.job').where({ name: 'ingest', singleton_key: sessionId })).toHaveLength(1);
  });

  it('declares the length with an empty last PATCH when every byte was already sent', async () => {
    const sessionId = await newSession();
    const created = await createDeferred({ sessionId, kind: 'source_video', filename: 'cookcam.mp4', filetype: 'video/mp4' });
    const url = new URL(created.headers.get('location')!, base).toString();
    const bytes = Buffer.alloc(100_000, 5);
    expect((await patch(url, 0, bytes)).status).toBe(204);
    const last = await patch(url, bytes.length, Buffer.alloc(0), bytes.length);
    expect(last.status).toBe(204);
    const session = await api.knex('cooking_sessions').where({ id: sessionId }).first();
    expect(session.status).toBe('uploaded');
  });

  it('queues live signals for a chunk of a video still being filmed, but neither queues nor warns for a finished upload', async () => {
    // Finished in one PATCH that declares the length: its part is moved into storage before the response.
    const finishedSession = await newSession();
    const finished = await createDeferred({ sessionId: finishedSession, kind: 'source_video', filename: 'cookcam.webm', filetype: 'video/webm' });
    const bytes = Buffer.alloc(80_000, 7);
    expect((await patch(new URL(finished.headers.get('location')!, base).toString(), 0, bytes, bytes.length)).status).toBe(204);
    expect((await api.knex('cooking_sessions').where({ id: finishedSession }).first()).status).toBe('uploaded');

    // Still filming: this chunk is measured live. Its job shows the hook after each PATCH has run, the finished one's first.
    const filmingSession = await newSession();
    const filming = await createDeferred({ sessionId: filmingSession, kind: 'source_video', filename: 'cookcam.webm', filetype: 'video/webm' });
    expect((await patch(new URL(filming.headers.get('location')!, base).toString(), 0, Buffer.alloc(60_000, 8))).status).toBe(204);
    await waitForLiveSignalsJob(filmingSession);

    expect(await liveSignalsJobs(finishedSession)).toHaveLength(0);
    expect(warnings.filter((line) => line.includes('live signals'))).toEqual([]);
  });

  it('refuses a deferred length for a voice memo, and a declared length below what was sent', async () => {
    const sessionId = await newSession();
    const memo = await createDeferred({ sessionId, kind: 'voice_memo', filename: 'memo.webm', filetype: 'audio/webm' });
    expect(memo.status).toBe(400);
    expect(((await memo.json()) as { error: { code: string } }).error.code).toBe('length_required');

    const created = await createDeferred({ sessionId, kind: 'source_video', filename: 'cookcam.webm', filetype: 'video/webm' });
    const url = new URL(created.headers.get('location')!, base).toString();
    expect((await patch(url, 0, Buffer.alloc(1000, 1))).status).toBe(204);
    expect((await patch(url, 1000, Buffer.alloc(10, 1), 500)).status).toBe(400);
  });
});
