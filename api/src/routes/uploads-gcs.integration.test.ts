/**
 * Resumable uploads with STORAGE_DRIVER=gcs: the real tus server and @tus/gcs-store through the real
 * @google-cloud/storage SDK against the Cloud Storage stub (resumable sessions, compose, patch,
 * rewrite, delete as the JSON API documents them).
 */
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from '@ajimi/core/providers/storage/create-storage';
import { FakeGcsServer } from '@ajimi/core/providers/storage/testing/fake-gcs-server';
import { createTestApi, createTestUser, signIn, type TestApi, type TestUser } from '../../../test-support/api-harness';

const BUCKET = 'ajimi-upload-test';
let fake: FakeGcsServer;
let api: TestApi;
let server: Server;
let base: string;
let cook: TestUser;
let cookie: string;

async function newSession(): Promise<string> {
  const res = await fetch(`${base}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ dishSlug: 'fried-rice', note: '強火で', selfRatings: { taste: 3 } }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { session: { id: string } }).session.id;
}

beforeAll(async () => {
  fake = await FakeGcsServer.start();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const storage = createStorage({
    driver: 'gcs',
    bucket: BUCKET,
    projectId: 'ajimi-test',
    credentials: { client_email: 'uploads@ajimi-test.iam.gserviceaccount.com', private_key: privateKey },
    apiEndpoint: fake.endpoint,
  });
  api = await createTestApi({ STORAGE_DRIVER: 'gcs', GCS_BUCKET: BUCKET, GCS_PROJECT_ID: 'ajimi-test' }, { storage });
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
  await api?.close();
  await fake?.close();
});

describe('resumable uploads on Cloud Storage (@tus/gcs-store against the stub)', () => {
  it('keeps upload parts under tus/, stores the video with a server-side copy and deletes the upload object', async () => {
    const sessionId = await newSession();
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 123);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
    await new Promise<void>((resolve, reject) => {
      const upload = new tus.Upload(bytes, {
        endpoint: `${base}/api/uploads`,
        chunkSize: 1024 * 1024,
        headers: { cookie },
        metadata: { sessionId, kind: 'source_video', filename: 'pan.mp4', filetype: 'video/mp4' },
        onSuccess: () => resolve(),
        onError: reject,
      });
      upload.start();
    });

    // Every object @tus/gcs-store wrote (the upload and its _patch parts) was under tus/.
    const written = fake.requests.filter((r) => r.op === 'resumable-start' || r.op === 'compose' || r.op === 'patch');
    expect(written.length).toBeGreaterThan(0);
    for (const r of written) expect(decodeURIComponent(r.url)).toMatch(new RegExp(`/b/${BUCKET}/o(/|\\?.*name=)tus/`));
    expect(fake.requestsFor('compose').length).toBe(3); // chunks 2–4 appended to the upload object

    const asset = await api.knex('media_assets').where({ session_id: sessionId }).first();
    expect(asset).toMatchObject({ kind: 'source_video', size_bytes: bytes.length, storage_driver: 'gcs' });
    // Moved inside the bucket: one rewrite, and the upload was never downloaded through the API.
    expect(fake.requestsFor('rewrite')).toHaveLength(1);
    expect(fake.requestsFor('media')).toHaveLength(0);
    // Exactly one copy of the video remains: the stored one. Nothing at the bucket root, no tus/ leftovers.
    expect([...fake.objects.keys()]).toEqual([`${BUCKET}/${asset.storage_key}`]);
    expect(fake.objects.get(`${BUCKET}/${asset.storage_key}`)!.data.equals(bytes)).toBe(true);
    expect(fake.objects.get(`${BUCKET}/${asset.storage_key}`)!.contentType).toBe('video/mp4');
    // Every request the stub saw was one it accepted.
    expect(fake.requests.filter((r) => (r.status ?? 0) >= 400)).toEqual([]);

    const session = await api.knex('cooking_sessions').where({ id: sessionId }).first('status');
    expect(session.status).toBe('uploaded');
  });
});
