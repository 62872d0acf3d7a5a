import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { generateTestVideo } from '@ajimi/core/media/testing/generate-test-video';
import { runMediaTool } from '@ajimi/core/media/run-media-tool';
import { bossQueue } from '@ajimi/core/queue/job-queue';
import { createPipelineDeps } from '@ajimi/core/wiring';
import { queueStaleEmbeddings } from '@ajimi/core/services/pipeline/reembed-principle';
import type { RenderDeps } from '@ajimi/core/services/pipeline/render-coaching-video';
import { createTestApi, createTestUser, type TestApi, type TestUser } from '../../test-support/api-harness';
import { createJobs } from './jobs';
import { startWorker, type RunningWorker } from './worker';

/**
 * Cook Cam on Safari / iOS: MediaRecorder there gives a fragmented MP4 (H.264/AAC, an empty moov
 * up front, then one moof+mdat per fragment), so the file is never "finished" the way a camera
 * app's MP4 is. The server path, end to end: the chunks go up while filming through tus with a
 * deferred length (https://tus.io/protocols/resumable-upload#upload-defer-length), the last PATCH
 * declares the length, the ingest reads the right duration, the analyzer coaches it and the
 * coaching text arrives in the chat.
 */
let api: TestApi;
let server: Server;
let base: string;
let worker: RunningWorker;
let deps: RenderDeps;
let cook: TestUser;
let cookie: string;
let fmp4: string;
const DURATION_SEC = 60;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

function patch(url: string, offset: number, body: Buffer, length?: number): Promise<Response> {
  return fetch(url, {
    method: 'PATCH',
    headers: {
      cookie,
      'tus-resumable': '1.0.0',
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
      ...(length === undefined ? {} : { 'upload-length': String(length) }),
    },
    body: new Uint8Array(body),
  });
}

/** Top-level ISO BMFF boxes, to check the file is shaped like Safari's recording. */
function topLevelBoxes(bytes: Buffer): string[] {
  const types: string[] = [];
  for (let at = 0; at + 8 <= bytes.length; ) {
    const size = bytes.readUInt32BE(at);
    types.push(bytes.toString('latin1', at + 4, at + 8));
    if (size < 8) break;
    at += size;
  }
  return types;
}

beforeAll(async () => {
  api = await createTestApi();
  deps = await createPipelineDeps(api.config, api.knex);
  // The stages up to the coaching text (and the media products beside them); no render.
  const jobs = createJobs(deps).filter((j) => !['render', 'narrate', 'deliver'].includes(j.queue));
  worker = await startWorker({ databaseUrl: inject('databaseUrl'), knex: api.knex, logger: pino({ level: 'silent' }), jobs, concurrency: 1, pollingIntervalSeconds: 0.5 });
  server = api.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cook = await createTestUser(api.knex, 'learner');
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: cook.email, password: cook.password }) });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;

  // A cooking clip (the ingredients go in at 0:12 with a real sizzle), re-encoded the way Safari's
  // MediaRecorder writes it: H.264 + AAC, fragmented at every keyframe (1 s), no duration up front.
  const clip = path.join(api.dataDir, 'cookcam-source.mp4');
  await generateTestVideo(clip, { durationSec: DURATION_SEC, width: 480, height: 270, events: { addAt: 12 } });
  fmp4 = path.join(api.dataDir, 'cookcam-safari.mp4');
  await runMediaTool('ffmpeg', [
    '-v', 'error', '-y', '-i', clip,
    '-c:v', 'libx264', '-preset', 'veryfast', '-g', '30', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '96k',
    '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', fmp4,
  ]);

  await waitFor(
    'principles embedded',
    async () => {
      await queueStaleEmbeddings(api.knex, bossQueue(worker.boss), deps.embeddings.model);
      return Number((await api.knex('principles').whereIn('embedding_status', ['pending', 'embedding']).count({ n: '*' }).first())?.n) === 0;
    },
    90_000,
  );
}, 240_000);

afterAll(async () => {
  server?.close();
  await worker?.stop(5_000);
  await api?.close();
});

describe('Cook Cam on Safari: a fragmented MP4 uploaded while filming', () => {
  it('goes up in chunks with a deferred length, is ingested with its full duration, analysed and coached', async () => {
    const bytes = fs.readFileSync(fmp4);
    const boxes = topLevelBoxes(bytes);
    expect(boxes.slice(0, 2)).toEqual(['ftyp', 'moov']);
    expect(boxes.filter((b) => b === 'moof').length).toBeGreaterThanOrEqual(DURATION_SEC - 2);

    const created = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ dishSlug: 'fried-rice' }) });
    expect(created.status).toBe(201);
    const sessionId = ((await created.json()) as { session: { id: string } }).session.id;

    const post = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: { cookie, 'tus-resumable': '1.0.0', 'upload-defer-length': '1', 'upload-metadata': `sessionId ${b64(sessionId)},kind ${b64('source_video')},filename ${b64('cookcam.mp4')},filetype ${b64('video/mp4')}` },
    });
    expect(post.status).toBe(201);
    const url = new URL(post.headers.get('location')!, base).toString();

    // The recorder's 2-second chunks, each sent as it is made; the last PATCH declares the length.
    const chunk = Math.ceil(bytes.length / 30);
    for (let offset = 0; offset < bytes.length; offset += chunk) {
      const end = Math.min(bytes.length, offset + chunk);
      const res = await patch(url, offset, bytes.subarray(offset, end), end === bytes.length ? bytes.length : undefined);
      expect(res.status, await res.text()).toBe(204);
      expect(Number(res.headers.get('upload-offset'))).toBe(end);
      if (end < bytes.length) expect((await api.knex('cooking_sessions').where({ id: sessionId }).first()).status).toBe('created');
    }

    const source = await api.knex('media_assets').where({ session_id: sessionId, kind: 'source_video' }).first();
    expect(source).toMatchObject({ size_bytes: bytes.length, content_type: 'video/mp4' });

    // Ingest: the duration comes from the fragments (the moov says nothing), H.264 and AAC found.
    const probed = await waitFor('the ingest probe', async () => (await api.knex('media_assets').where({ id: source.id }).first()).probe);
    expect(probed.durationSec).toBeGreaterThan(DURATION_SEC - 1);
    expect(probed.durationSec).toBeLessThan(DURATION_SEC + 1);
    expect(probed).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac', hasAudio: true });

    // Analysed: coachable, the ingredients going in found near 0:12, signals over the whole minute.
    const analysis = await waitFor('the analysis', async () => api.knex('analyses').where({ session_id: sessionId }).first());
    expect(analysis.result.coachable).toBe(true);
    const events = analysis.result.events as Array<{ t: number; type: string }>;
    expect(events.some((e) => Math.abs(e.t - 12) <= 2)).toBe(true);
    const signals = await api.knex('session_signals').where({ session_id: sessionId }).count({ n: '*' }).first();
    expect(Number(signals?.n)).toBeGreaterThanOrEqual(DURATION_SEC - 1);

    // The coaching text in the cook's My Coaching room.
    const message = await waitFor('the coaching text', async () =>
      api.knex('chat_messages').where({ session_id: sessionId, kind: 'coaching_text' }).first(),
    );
    expect(message.body.split('\n')[0]).toMatch(/^📅 .+ · チャーハン \d+回目のセッション$/);
    for (const heading of ['🍳 今回の問題点', '次回試すこと', '✅ 成功のサイン']) expect(message.body).toContain(heading);
  }, 240_000);
});
