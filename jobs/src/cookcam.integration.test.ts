import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestVideo } from '@ajimi/core/media/testing/generate-test-video';
import { runMediaTool } from '@ajimi/core/media/run-media-tool';
import { createPipelineDeps } from '@ajimi/core/wiring';
import { extractSignals } from '@ajimi/core/media/extract-signals';
import { probePlayableVideo } from '@ajimi/core/media/probe-video';
import { LIVE_PART_MIN_SEC } from '@ajimi/core/services/pipeline/extract-live-signals';
import type { RenderDeps } from '@ajimi/core/services/pipeline/render-coaching-video';
import { waitForPrinciplesEmbedded } from '../../test-support/principles-embedded';
import { createUser, startStack, type Stack } from '../../scripts/reliability/stack';
import { tusPatch } from '../../test-support/tus-patch';
import { waitFor } from '../../test-support/wait-for';
import { createJobs } from './jobs';
import { startWorker, type RunningWorker } from './worker';

/**
 * Cook Cam's server path, with a real worker running the stages up to the coaching text.
 *
 * Safari / iOS: MediaRecorder there gives a fragmented MP4 (H.264/AAC, an empty moov
 * up front, then one moof+mdat per fragment), so the file is never "finished" the way a camera
 * app's MP4 is. The server path, end to end: the chunks go up while filming through tus with a
 * deferred length (https://tus.io/protocols/resumable-upload#upload-defer-length), the last PATCH
 * declares the length, the ingest reads the right duration, the analyzer coaches it and the
 * coaching text arrives in the chat.
 *
 * Chromium: a WebM written as a live stream (no duration, no cues). While it is filmed, the
 * live-signals stage measures the part already uploaded; at "stop" the ingest measures only the
 * tail and joins the parts, and the result is what one pass over the whole video gives.
 *
 * A whole Ajimi of its own (scripts/reliability/stack.ts: its own database, API and an in-process
 * worker): the test run's shared database allows only one pipeline worker at a time.
 */
let stack: Stack;
let base: string;
let worker: RunningWorker;
let deps: RenderDeps;
let cookie: string;
let fmp4: string;
let liveWebm: string;
const logLines: string[] = [];
const DURATION_SEC = 60;

const b64 = (s: string) => Buffer.from(s).toString('base64');

const patch = (url: string, offset: number, body: Buffer, length?: number) => tusPatch(url, cookie, offset, body, length);

async function newSession(): Promise<string> {
  const created = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ dishSlug: 'fried-rice' }) });
  expect(created.status).toBe(201);
  return ((await created.json()) as { session: { id: string } }).session.id;
}

/** tus creation with Upload-Defer-Length: the recording's size is not known while filming. */
async function createDeferredUpload(sessionId: string, filename: string, filetype: string): Promise<string> {
  const post = await fetch(`${base}/api/uploads`, {
    method: 'POST',
    headers: { cookie, 'tus-resumable': '1.0.0', 'upload-defer-length': '1', 'upload-metadata': `sessionId ${b64(sessionId)},kind ${b64('source_video')},filename ${b64(filename)},filetype ${b64(filetype)}` },
  });
  expect(post.status).toBe(201);
  return new URL(post.headers.get('location')!, base).toString();
}

/** PATCHes bytes [from, to) in chunks; the one reaching the end of the file declares its length. */
async function sendChunks(url: string, sessionId: string, bytes: Buffer, from: number, to: number, chunk: number): Promise<void> {
  for (let offset = from; offset < to; offset += chunk) {
    const end = Math.min(to, offset + chunk);
    const res = await patch(url, offset, bytes.subarray(offset, end), end === bytes.length ? bytes.length : undefined);
    expect(res.status, await res.text()).toBe(204);
    expect(Number(res.headers.get('upload-offset'))).toBe(end);
    if (end < bytes.length) expect((await stack.knex('cooking_sessions').where({ id: sessionId }).first()).status).toBe('created');
  }
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
  stack = await startStack();
  base = stack.base;
  deps = await createPipelineDeps(stack.config, stack.knex);
  // The stages up to the coaching text (and the media products beside them); no render.
  const jobs = createJobs(deps).filter((j) => !['render', 'narrate', 'deliver'].includes(j.queue));
  // The stages' log lines are kept: the ingest says whether it joined parts measured while filming.
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  worker = await startWorker({ databaseUrl: stack.databaseUrl, knex: stack.knex, logger, jobs, concurrency: 1, pollingIntervalSeconds: 0.5 });
  cookie = (await createUser(stack, 'learner')).cookie;

  // A cooking clip (the ingredients go in at 0:12 with a real sizzle), re-encoded the way Safari's
  // MediaRecorder writes it: H.264 + AAC, fragmented at every keyframe (1 s), no duration up front.
  const clip = path.join(stack.dir, 'cookcam-source.mp4');
  await generateTestVideo(clip, { durationSec: DURATION_SEC, width: 480, height: 270, events: { addAt: 12 } });
  fmp4 = path.join(stack.dir, 'cookcam-safari.mp4');
  await runMediaTool('ffmpeg', [
    '-v', 'error', '-y', '-i', clip,
    '-c:v', 'libx264', '-preset', 'veryfast', '-g', '30', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '96k',
    '-movflags', 'frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', fmp4,
  ]);

  // Chromium's MediaRecorder: VP9 + Opus in a WebM written as a live stream.
  const webm = path.join(stack.dir, 'cookcam-source.webm');
  await generateTestVideo(webm, { durationSec: 75, width: 480, height: 270, codec: 'vp9', events: { addAt: 50 } });
  liveWebm = path.join(stack.dir, 'cookcam-chromium.webm');
  await runMediaTool('ffmpeg', ['-v', 'error', '-y', '-i', webm, '-c', 'copy', '-live', '1', '-f', 'webm', liveWebm]);

  await waitForPrinciplesEmbedded(stack.knex, worker.boss, deps.embeddings.model);
}, 240_000);

afterAll(async () => {
  await worker?.stop(5_000);
  await stack?.close();
});

describe('Cook Cam on Safari: a fragmented MP4 uploaded while filming', () => {
  it('goes up in chunks with a deferred length, is ingested with its full duration, analysed and coached', async () => {
    const bytes = fs.readFileSync(fmp4);
    const boxes = topLevelBoxes(bytes);
    expect(boxes.slice(0, 2)).toEqual(['ftyp', 'moov']);
    expect(boxes.filter((b) => b === 'moof').length).toBeGreaterThanOrEqual(DURATION_SEC - 2);

    const sessionId = await newSession();

    const url = await createDeferredUpload(sessionId, 'cookcam.mp4', 'video/mp4');
    // The recorder's 2-second chunks, each sent as it is made; the last PATCH declares the length.
    await sendChunks(url, sessionId, bytes, 0, bytes.length, Math.ceil(bytes.length / 30));

    const source = await stack.knex('media_assets').where({ session_id: sessionId, kind: 'source_video' }).first();
    expect(source).toMatchObject({ size_bytes: bytes.length, content_type: 'video/mp4' });

    // Ingest: the duration comes from the fragments (the moov says nothing), H.264 and AAC found.
    const probed = await waitFor('the ingest probe', async () => (await stack.knex('media_assets').where({ id: source.id }).first()).probe, 90_000);
    expect(probed.durationSec).toBeGreaterThan(DURATION_SEC - 1);
    expect(probed.durationSec).toBeLessThan(DURATION_SEC + 1);
    expect(probed).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac', hasAudio: true });

    // Analysed: coachable, the ingredients going in found near 0:12, signals over the whole minute.
    const analysis = await waitFor('the analysis', async () => stack.knex('analyses').where({ session_id: sessionId }).first(), 90_000);
    expect(analysis.result.coachable).toBe(true);
    const events = analysis.result.events as Array<{ t: number; type: string }>;
    expect(events.some((e) => Math.abs(e.t - 12) <= 2)).toBe(true);
    const signals = await stack.knex('session_signals').where({ session_id: sessionId }).count({ n: '*' }).first();
    expect(Number(signals?.n)).toBeGreaterThanOrEqual(DURATION_SEC - 1);

    // The coaching text in the cook's My Coaching room.
    const message = await waitFor('the coaching text', async () =>
      stack.knex('chat_messages').where({ session_id: sessionId, kind: 'coaching_text' }).first(), 90_000,
    );
    expect(message.body.split('\n')[0]).toMatch(/^📅 .+ · チャーハン \d+回目のセッション$/);
    for (const heading of ['🍳 今回の問題点', '次回試すこと', '✅ 成功のサイン']) expect(message.body).toContain(heading);
  }, 240_000);
});

describe('Cook Cam on Chromium: signals measured while filming', () => {
  it('measures the uploaded part during filming; at stop only the tail, joined into what a whole pass gives', async () => {
    const bytes = fs.readFileSync(liveWebm);
    const sessionId = await newSession();
    const url = await createDeferredUpload(sessionId, 'cookcam.webm', 'video/webm');
    const chunk = Math.ceil(bytes.length / 40);

    // About 60 s of the 75 s are filmed and uploaded: the worker measures a part meanwhile.
    const filmed = Math.floor(bytes.length * 0.8);
    await sendChunks(url, sessionId, bytes, 0, filmed, chunk);
    const part = await waitFor('a part measured while filming', async () => stack.knex('live_signal_parts').where({ session_id: sessionId }).first(), 120_000);
    expect(part.start_sec).toBe(0);
    expect(part.end_sec).toBeGreaterThanOrEqual(LIVE_PART_MIN_SEC);
    expect((await stack.knex('cooking_sessions').where({ id: sessionId }).first()).status).toBe('created');

    // Stop: the rest goes up, the last PATCH declares the length; ingest measures the tail only.
    await sendChunks(url, sessionId, bytes, filmed, bytes.length, chunk);
    await waitFor('the coaching text', async () => stack.knex('chat_messages').where({ session_id: sessionId, kind: 'coaching_text' }).first(), 120_000);
    expect(await stack.knex('live_signal_parts').where({ session_id: sessionId })).toEqual([]);
    const stored = logLines.map((l) => JSON.parse(l) as { msg?: string; sessionId?: string; measuredWhileFilming?: boolean }).find((l) => l.msg === 'signals stored' && l.sessionId === sessionId);
    expect(stored?.measuredWhileFilming).toBe(true);

    // The stored signals are those of one pass over the whole video, on the same clock.
    const probe = await probePlayableVideo(liveWebm);
    const whole = await extractSignals(liveWebm, { probe, mode: 'full' });
    const rows = await stack.knex('session_signals').where({ session_id: sessionId }).orderBy('t');
    expect(rows.map((r) => r.t)).toEqual(whole.seconds.map((s) => s.t));
    for (const [i, r] of rows.entries()) {
      const w = whole.seconds[i]!;
      expect({ t: r.t, obstructed: r.obstructed, tooDark: r.too_dark }).toEqual({ t: w.t, obstructed: w.obstructed, tooDark: w.tooDark });
      expect(Math.abs(r.brightness - w.brightness)).toBeLessThan(0.01);
      expect(Math.abs(r.motion - w.motion)).toBeLessThanOrEqual(Math.max(0.002, w.motion * 0.25));
    }
    const analysis = await stack.knex('analyses').where({ session_id: sessionId }).first();
    expect(analysis.result.coachable).toBe(true);
    expect((analysis.result.events as Array<{ t: number }>).some((e) => Math.abs(e.t - 50) <= 2)).toBe(true);
  }, 300_000);
});
