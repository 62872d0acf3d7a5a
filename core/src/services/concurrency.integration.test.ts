/**
 * Races that real phones and real coaches produce: the same upload completion delivered twice at
 * once, a cook cancelling a session while its video (or voice memo) lands. On the run's shared
 * embedded Postgres with a real pg-boss (the queues' singleton policy is part of what is tested).
 *
 * Covered elsewhere, not repeated here: a re-render requested while one runs (the older render is
 * superseded) — core/src/services/pipeline/render-coaching-video.integration.test.ts.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, createTestUser, type TestApi, type TestUser } from '../../../test-support/api-harness';
import { bossQueue } from '../queue/job-queue';
import { cancelCookingSession } from './sessions/cancel-session';
import { createCookingSession } from './sessions/cooking-sessions';
import { storeFinishedUpload, type UploadKind } from './uploads/store-upload';

let api: TestApi;
let cook: TestUser;
let file: string;

beforeAll(async () => {
  api = await createTestApi();
  cook = await createTestUser(api.knex, 'learner');
  file = path.join(api.dataDir, 'clip.mp4');
  fs.writeFileSync(file, Buffer.alloc(256 * 1024, 3));
});
afterAll(async () => {
  await api?.close();
});

const deps = () => ({ knex: api.knex, storage: api.storage, storageDriver: 'local', queue: bossQueue(api.boss) });
const finished = (sessionId: string, id: string, kind: UploadKind = 'source_video') => ({
  id: `${cook.id}_${id}`,
  open: () => fs.createReadStream(file),
  userId: cook.id,
  sessionId,
  kind,
  filename: kind === 'source_video' ? 'pan.mp4' : 'memo.webm',
  contentType: kind === 'source_video' ? 'video/mp4' : 'audio/webm',
  size: fs.statSync(file).size,
});
const filesOf = (sessionId: string): string[] => {
  const dir = path.join(api.storage.rootDir, 'sessions', sessionId);
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else out.push(e.name);
    }
  };
  walk(dir);
  return out.filter((n) => !n.endsWith('.meta.json'));
};

describe('duplicate upload-completion callbacks', () => {
  it('delivered twice at once: one asset, one stored file, one ingest job', async () => {
    for (let round = 0; round < 5; round++) {
      const session = await createCookingSession(api.knex, cook.id, { dishSlug: 'fried-rice' });
      const upload = finished(session.id, randomUUID());
      const results = await Promise.all([storeFinishedUpload(deps(), upload), storeFinishedUpload(deps(), upload), storeFinishedUpload(deps(), upload)]);
      expect(new Set(results.map((r) => r.assetId)).size).toBe(1);
      expect(await api.knex('media_assets').where({ session_id: session.id })).toHaveLength(1);
      expect(filesOf(session.id)).toHaveLength(1);
      expect(await api.knex('pgboss.job').where({ name: 'ingest', singleton_key: session.id })).toHaveLength(1);
      expect((await api.knex('cooking_sessions').where({ id: session.id }).first()).status).toBe('uploaded');
    }
  });
});

describe('a cook cancelling a session while its files arrive', () => {
  it('the video and the cancel race: either the cancel wins and nothing is kept, or the video wins and the cancel is refused', async () => {
    const outcomes = { cancelled: 0, uploaded: 0 };
    for (let round = 0; round < 12; round++) {
      const session = await createCookingSession(api.knex, cook.id, { dishSlug: 'omelette' });
      const [cancel, upload] = await Promise.allSettled([
        new Promise((r) => setTimeout(r, round % 4)).then(() => cancelCookingSession({ knex: api.knex, storage: api.storage }, cook.id, session.id)),
        storeFinishedUpload(deps(), finished(session.id, randomUUID())),
      ]);
      const row = await api.knex('cooking_sessions').where({ id: session.id }).first();
      const assets = await api.knex('media_assets').where({ session_id: session.id });
      if (cancel.status === 'fulfilled') {
        outcomes.cancelled++;
        expect(row).toBeUndefined();
        expect(upload.status).toBe('rejected');
        expect((upload as PromiseRejectedResult).reason).toMatchObject({ status: 404 });
        expect(assets).toHaveLength(0);
        expect(filesOf(session.id)).toEqual([]);
        expect(await api.knex('pgboss.job').where({ name: 'ingest', singleton_key: session.id })).toHaveLength(0);
      } else {
        outcomes.uploaded++;
        expect((cancel.reason as { code?: string }).code).toBe('already_uploaded');
        expect(upload.status).toBe('fulfilled');
        expect(row.status).toBe('uploaded');
        expect(assets).toHaveLength(1);
        expect(filesOf(session.id)).toEqual([path.basename(assets[0].storage_key)]);
      }
    }
    expect(outcomes.cancelled + outcomes.uploaded).toBe(12);
  });

  it('a voice memo and the cancel race: no file is left behind without its row', async () => {
    for (let round = 0; round < 12; round++) {
      const session = await createCookingSession(api.knex, cook.id, { dishSlug: 'omelette' });
      await Promise.allSettled([
        new Promise((r) => setTimeout(r, round % 4)).then(() => cancelCookingSession({ knex: api.knex, storage: api.storage }, cook.id, session.id)),
        storeFinishedUpload(deps(), finished(session.id, randomUUID(), 'voice_memo')),
      ]);
      const rows: string[] = await api.knex('media_assets').where({ session_id: session.id }).pluck('storage_key');
      expect(filesOf(session.id).sort(), `round ${round}`).toEqual(rows.map((k) => path.basename(k)).sort());
    }
  });

  it('mid-pipeline (video in, stages running) the cook cannot delete the session: refused with a clear conflict', async () => {
    const session = await createCookingSession(api.knex, cook.id, { dishSlug: 'fried-rice' });
    await storeFinishedUpload(deps(), finished(session.id, randomUUID()));
    await api.knex('cooking_sessions').where({ id: session.id }).update({ status: 'analyzing' });
    await expect(cancelCookingSession({ knex: api.knex, storage: api.storage }, cook.id, session.id)).rejects.toMatchObject({ status: 409, code: 'already_uploaded' });
    expect(await api.knex('media_assets').where({ session_id: session.id })).toHaveLength(1);
  });
});
