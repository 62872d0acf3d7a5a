/**
 * The bad-input corpus (test-support/bad-inputs.ts) through the real tus endpoint and the real
 * ingest stage; over-long and hostile text through the real routes; prompt injection against the
 * offline composers. Each input gets a clear error or a correct result: never a crash, a 500 or a
 * hang. The app's queue here records what would be queued instead of queueing it, so no pipeline
 * worker of another test file can pick these sessions up; the stages run in this process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { loadConfig } from '@ajimi/core/config';
import { connectDatabase, type Database } from '@ajimi/core/db/database';
import type { LocalStorage } from '@ajimi/core/providers/storage/local-storage';
import { openStorage } from '@ajimi/core/providers/storage/open-storage';
import type { JobQueue } from '@ajimi/core/queue/job-queue';
import { answerQuestion } from '@ajimi/core/services/pipeline/answer-question';
import { createPipelineDeps, createProviders } from '@ajimi/core/wiring';
import { ingestVideo } from '@ajimi/core/services/pipeline/ingest-video';
import { prepareMedia } from '@ajimi/core/services/pipeline/prepare-media';
import type { PipelineDeps, StageContext } from '@ajimi/core/services/pipeline/pipeline-deps';
import { createTestUser, type TestUser } from '../../test-support/api-harness';
import { BAD_INPUTS, HTML_PAYLOADS, PROMPT_INJECTIONS } from '../../test-support/bad-inputs';
import { storedKeys, tusUpload } from '../../scripts/reliability/stack';
import { createApp } from './app';

let db: Database;
let server: Server;
let base: string;
let storage: LocalStorage;
let deps: PipelineDeps;
let cook: TestUser;
let cookie: string;
let dataDir: string;
const sent: Array<{ queue: string; data: object }> = [];
const recordingQueue: JobQueue = {
  send: async (queue, data) => {
    sent.push({ queue, data });
    return `recorded-${sent.length}`;
  },
};
const ctx: StageContext = { logger: pino({ level: 'silent' }), signal: new AbortController().signal, send: async (queue, data) => recordingQueue.send(queue, data, { singletonKey: '' }) };

async function call(method: string, p: string, body?: unknown): Promise<{ status: number; type: string | null; json: Record<string, unknown> }> {
  const res = await fetch(`${base}${p}`, { method, headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
async function newSession(note?: string): Promise<string> {
  const res = await call('POST', '/api/sessions', { dishSlug: 'fried-rice', ...(note === undefined ? {} : { note }) });
  expect(res.status).toBe(201);
  return (res.json.session as { id: string }).id;
}
async function roomId(kind: string): Promise<string> {
  const { json } = await call('GET', '/api/rooms');
  return (json.rooms as Array<{ id: string; kind: string }>).find((r) => r.kind === kind)!.id;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-bad-input-'));
  fs.mkdirSync(path.join(dataDir, 'corpus'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', AJIMI_SERVE_FRONTENDS: 'false', AJIMI_DATA_DIR: dataDir, GEMINI_API_KEY: '', // one cook posts every payload here: the question limits (question-limits.integration.test.ts) are not under test
    QUESTION_LIMIT_PER_MINUTE: '1000', QUESTION_LIMIT_PER_DAY: '10000', QUESTION_REPLIES_WAITING_MAX: '1000' });
  db = connectDatabase(inject('databaseUrl'), { poolMax: 4 });
  storage = (await openStorage(config, db.knex)) as LocalStorage;
  deps = { ...(await createPipelineDeps(config, db.knex)), storage };
  const app = createApp({ config, knex: db.knex, logger: pino({ level: 'silent' }), sessionSecret: 'bad-input-secret'.padEnd(48, 'b'), providers: { ...(await createProviders(config, db.knex)), storage }, queue: recordingQueue, uploadDir: path.join(dataDir, 'uploads') });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cook = await createTestUser(db.knex, 'learner');
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: cook.email, password: cook.password }) });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
});

afterAll(async () => {
  server?.close();
  await db?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('bad media through the real upload and the real ingest', () => {
  for (const input of BAD_INPUTS) {
    it(input.name, async (t) => {
      const made = await input.make(path.join(dataDir, 'corpus'));
      if (typeof made !== 'string') return t.skip(made.skip);
      const sessionId = await newSession();
      const meta = { sessionId, kind: 'source_video', filename: input.filename, filetype: input.filetype };
      const started = Date.now();

      if ('refusedAtUpload' in input.expect) {
        // tus-js-client cannot even send an empty body; the creation request is what the server refuses.
        const res = await fetch(`${base}/api/uploads`, {
          method: 'POST',
          headers: { cookie, 'tus-resumable': '1.0.0', 'upload-length': String(fs.statSync(made).size), 'upload-metadata': Object.entries(meta).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',') },
        });
        expect(res.status).toBe(input.expect.refusedAtUpload);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe(input.expect.code);
        expect((await db.knex('cooking_sessions').where({ id: sessionId }).first()).status).toBe('created');
        return;
      }

      await tusUpload(base, cookie, made, meta);
      const asset = await db.knex('media_assets').where({ session_id: sessionId, kind: 'source_video' }).first();
      expect(asset, 'the upload is stored').toBeTruthy();
      // Whatever the client called it, the key is ours and the file is inside the storage root.
      expect(asset.storage_key).toMatch(new RegExp(`^sessions/${sessionId}/source-video/[0-9a-f-]{36}\\.[a-z0-9]+$`));
      expect(fs.existsSync(storage.pathForKey(asset.storage_key))).toBe(true);
      // eslint-disable-next-line no-control-regex
      expect(asset.original_filename ?? '').not.toMatch(/[\u0000-\u001f\u007f\u202e]|[\\/]/);
      // A browser is never told a cook's upload is HTML (or anything but a video), nor given a header-split type.
      expect(asset.content_type ?? '').toMatch(/^(video\/[\w.+-]+|application\/octet-stream)$/);
      expect(sent.filter((s) => s.queue === 'ingest' && (s.data as { sessionId: string }).sessionId === sessionId)).toHaveLength(1);

      await ingestVideo(deps, sessionId, ctx); // resolves: a bad file is the cook's problem, not a crash
      expect(Date.now() - started).toBeLessThan(60_000);
      const session = await db.knex('cooking_sessions').where({ id: sessionId }).first();
      if ('rejected' in input.expect) {
        expect(session).toMatchObject({ status: 'failed', failed_stage: 'ingest' });
        expect(session.failure_reason).toMatch(/^この動画は使えませんでした：.{10,}/);
        const rejection = await db.knex('chat_messages').where({ session_id: sessionId, kind: 'system' });
        expect(rejection).toHaveLength(1);
        expect(rejection[0]).toMatchObject({ body: session.failure_reason, author_kind: 'ai' });
        expect(rejection[0].payload).toMatchObject({ code: input.expect.rejected, stage: 'ingest' });
        // The cook sees it in Cooking Videos, through the API.
        const { json } = await call('GET', `/api/rooms/${await roomId('cooking_videos')}/messages`);
        expect((json.messages as Array<{ body: string }>).some((m) => m.body === session.failure_reason)).toBe(true);
        expect(await db.knex('session_signals').where({ session_id: sessionId }).first()).toBeUndefined();
      } else {
        expect(session.status).toBe('analyzing');
        const probed = await db.knex('media_assets').where({ id: asset.id }).first('probe');
        expect(probed.probe).toMatchObject(input.expect.accepted);
        const n = Number((await db.knex('session_signals').where({ session_id: sessionId }).count({ n: '*' }).first())?.n);
        expect(n).toBeGreaterThanOrEqual(Math.floor(probed.probe.durationSec) - 1);
        // And what the console and the coaching video are made from: proxy (upright, H.264), poster, sprite.
        await prepareMedia(deps, sessionId, ctx);
        const derived = await db.knex('media_assets').where({ session_id: sessionId }).whereIn('kind', ['proxy', 'poster', 'sprite']).select('kind', 'probe');
        expect(derived.map((d) => d.kind).sort()).toEqual(['poster', 'proxy', 'sprite']);
        const proxy = derived.find((d) => d.kind === 'proxy')!.probe;
        expect(proxy.width > proxy.height).toBe(probed.probe.width > probed.probe.height);
        expect(proxy.hasAudio).toBe(probed.probe.hasAudio);
      }
      // Re-running the stage (a duplicate job) changes nothing and posts nothing twice.
      await ingestVideo(deps, sessionId, ctx);
      expect(await db.knex('chat_messages').where({ session_id: sessionId })).toHaveLength('rejected' in input.expect ? 1 : 0);
    }, 120_000);
  }

  it('leaves nothing half-written in storage', () => {
    expect(storedKeys(storage).filter((k) => path.basename(k).startsWith('.'))).toEqual([]);
  });
});

describe('over-long and hostile text', () => {
  it('refuses an over-long note or chat message with a 400 in the API error shape, and takes the longest allowed', async () => {
    const tooLong = await call('POST', '/api/sessions', { dishSlug: 'fried-rice', note: 'あ'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error).toMatchObject({ code: 'validation_failed' });
    expect(await newSession('あ'.repeat(2000))).toBeTruthy();
    const room = await roomId('my_coaching');
    const long = await call('POST', `/api/rooms/${room}/messages`, { body: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.json.error).toMatchObject({ code: 'validation_failed' });
    const huge = await fetch(`${base}/api/rooms/${room}/messages`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ body: 'x'.repeat(5 * 1024 * 1024) }) });
    expect(huge.status).toBeLessThan(500);
    expect(huge.status).toBeGreaterThanOrEqual(400);
    const garbage = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{"dishSlug": "fried-rice", note: ' });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: { code: string } }).error.code).toBeTruthy();
  });

  it('stores HTML and script in every text field as text and returns it verbatim as JSON', async () => {
    const room = await roomId('my_coaching');
    for (const payload of HTML_PAYLOADS) {
      const sessionId = await newSession(payload);
      const read = await call('GET', `/api/sessions/${sessionId}`);
      expect(read.type).toMatch(/^application\/json/);
      expect((read.json.session as { note: string }).note).toBe(payload);
      const posted = await call('POST', `/api/rooms/${room}/messages`, { body: payload, sessionId });
      expect(posted.status).toBe(201);
      const { json, type } = await call('GET', `/api/rooms/${room}/messages`);
      expect(type).toMatch(/^application\/json/);
      expect((json.messages as Array<{ body: string }>).map((m) => m.body)).toContain(payload);
    }
  });

  it('the learner app and the console never hand text to the browser as HTML', () => {
    const offenders: string[] = [];
    const scan = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) scan(full);
        else if (/\.(tsx?|jsx?)$/.test(e.name) && /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/.test(fs.readFileSync(full, 'utf8'))) offenders.push(full);
      }
    };
    for (const app of ['learner-app/src', 'console/src']) scan(path.resolve(import.meta.dirname, '../..', app));
    expect(offenders).toEqual([]);
  });
});

describe('prompt injection against the offline composers', () => {
  it('a question carrying instructions gets an answer about cooking, never the injected payload', async () => {
    const room = await roomId('my_coaching');
    for (const { text, marker } of PROMPT_INJECTIONS) {
      const posted = await call('POST', `/api/rooms/${room}/messages`, { body: `鍋はどのくらい熱くすればいいですか？ ${text}` });
      expect(posted.status).toBe(201);
      const messageId = (posted.json.message as { id: string }).id;
      await answerQuestion(deps, messageId, ctx);
      const question = await db.knex('chat_messages').where({ id: messageId }).first('created_at');
      const reply = await db.knex('chat_messages').where({ room_id: room, author_kind: 'ai' }).where('created_at', '>=', question.created_at).orderBy('created_at', 'desc').first();
      expect(reply, 'a reply was posted').toBeTruthy();
      expect(reply.body).not.toContain(marker);
      expect(reply.body).not.toMatch(/developer mode|system prompt|システムプロンプト/i);
    }
  });
});
