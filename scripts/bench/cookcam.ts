/**
 * `node_modules/.bin/node --import tsx scripts/bench/cookcam.ts [seconds=300] [dropSec=30]`
 * Cook Cam in the real product (npm start's process tree, offline providers) and Debian's
 * Chromium, whose fake camera and microphone play a generated 720p cooking clip (looped). Two
 * recordings of `seconds`: one on a steady network, one with the network dropped for `dropSec`
 * in the middle. For each: bytes still to send at "stop", stop → upload complete, stop → the
 * coaching-text card on screen, and whether anything was lost (the stored file has every byte
 * the recorder produced, and its full duration).
 * Baseline: before Cook Cam the whole file went up after stopping (the recorded size is printed).
 * Before/after the signals measured while filming, in the same run: first, on the fresh product,
 * a generated `seconds`-long 720p VP9 WebM written as a live stream (as MediaRecorder writes it)
 * goes up as an ordinary upload (its length known, so nothing is measured while it arrives) and
 * upload complete → coaching text is timed: the whole ingest the Cook Cam path used to do after
 * "stop". Once that session is rendered and its proxy made, the recordings follow (dropSec 0:
 * only the steady one). Each line carries the load average.
 * Env LOG_LEVEL=info shows the stages' lines (on stderr with the product's).
 */
import fs from 'node:fs';
import os from 'node:os';
import type { APIRequestContext } from 'playwright-core';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { probePlayableVideo } from '../../core/src/media/probe-video';
import { runMediaTool } from '../../core/src/media/run-media-tool';
import { generateTestVideo } from '../../core/src/media/testing/generate-test-video';
import { waitFor } from '../../test-support/wait-for';
import { fakeMediaArgs, makeFakeCameraFiles } from '../../e2e/support/fake-camera';
import { launchChromium, PHONE, startProduct } from './learner-product';

const seconds = Number(process.argv[2] ?? 300);
const dropSec = Number(process.argv[3] ?? 30);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-bench-cookcam-'));
const files = await makeFakeCameraFiles(dir, 30, { width: 1280, height: 720 });
const wholeFile = await liveWebm(path.join(dir, 'whole.webm'));
// LOG_LEVEL=info: the worker's stage lines (time-stamped) show where the time after "stop" went.
const product = await startProduct({ AJIMI_DEMO_SESSION: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
const browser = await launchChromium(fakeMediaArgs(files));
const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
const load = () => `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;

/** A `seconds`-long 720p VP9 + Opus cooking clip (a minute, repeated), written as a live stream without cues or duration. */
async function liveWebm(file: string): Promise<string> {
  const minute = path.join(dir, 'minute.webm');
  await generateTestVideo(minute, { durationSec: Math.min(60, seconds), width: 1280, height: 720, codec: 'vp9', events: { addAt: 10 } });
  const list = path.join(dir, 'list.txt');
  fs.writeFileSync(list, Array.from({ length: Math.ceil(seconds / 60) }, () => `file '${minute}'`).join('\n'));
  await runMediaTool('ffmpeg', ['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-t', String(seconds), '-c', 'copy', '-live', '1', '-f', 'webm', file]);
  return file;
}

async function coachingText(request: APIRequestContext, sessionId: string): Promise<void> {
  const rooms = (await (await request.get(`${product.base}/api/rooms`)).json()) as { rooms: Array<{ id: string; kind: string }> };
  const room = rooms.rooms.find((r) => r.kind === 'my_coaching')!;
  await waitFor(
    'the coaching text',
    async () => {
      const { messages } = (await (await request.get(`${product.base}/api/rooms/${room.id}/messages`)).json()) as { messages: Array<{ kind: string; sessionId: string | null }> };
      return messages.some((m) => m.kind === 'coaching_text' && m.sessionId === sessionId);
    },
    600_000,
  );
}

/** The old path: the same file as an ordinary upload (length known up front); upload complete → coaching text. */
async function wholeIngest(file: string): Promise<void> {
  const context = await browser.newContext();
  const request = context.request;
  await signInNewCook(request);
  const session = ((await (await request.post(`${product.base}/api/sessions`, { data: { dishSlug: 'fried-rice' } })).json()) as { session: { id: string } }).session;
  const b64 = (v: string) => Buffer.from(v).toString('base64');
  const bytes = fs.readFileSync(file);
  const created = await request.post(`${product.base}/api/uploads`, {
    headers: { 'tus-resumable': '1.0.0', 'upload-length': String(bytes.length), 'upload-metadata': `sessionId ${b64(session.id)},kind ${b64('source_video')},filename ${b64('cookcam.webm')},filetype ${b64('video/webm')}` },
  });
  const url = new URL(created.headers()['location']!, product.base).toString();
  const sent = await request.patch(url, { headers: { 'tus-resumable': '1.0.0', 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' }, data: bytes });
  if (sent.status() !== 204) throw new Error(`upload failed: ${sent.status()} ${await sent.text()}`);
  const t0 = Date.now();
  const loadAtStart = load();
  await coachingText(request, session.id);
  console.log(`before (a ${mb(bytes.length)} ${seconds} s WebM, the whole of it ingested after the upload): upload complete → coaching text ${((Date.now() - t0) / 1000).toFixed(1)} s (${loadAtStart})`);
  // The recording that follows starts on an idle worker: this session's video rendered, its proxy made.
  const proxyDir = path.join(product.dataDir, 'media/sessions', session.id, 'proxy');
  await waitFor(
    'the first session in review and its proxy',
    async () => {
      const { sessions } = (await (await request.get(`${product.base}/api/sessions`)).json()) as { sessions: Array<{ id: string; status: string }> };
      const status = sessions.find((x) => x.id === session.id)?.status ?? '';
      return ['in_review', 'delivered', 'failed'].includes(status) && fs.existsSync(proxyDir) && fs.readdirSync(proxyDir).length > 0;
    },
    900_000,
  );
  await context.close();
}

/** A new cook for each measurement, signed in on this context, fried rice chosen. */
async function signInNewCook(request: APIRequestContext): Promise<void> {
  const email = `bench-${randomUUID().slice(0, 8)}@bench.ajimi.local`;
  await request.post(`${product.base}/api/auth/login`, { data: { email: 'admin@ajimi.local', password: product.demoPassword } });
  await request.post(`${product.base}/api/console/users`, { data: { email, name: 'Bench Cook', role: 'learner', locale: 'ja', password: 'bench-cook-password' } });
  await request.post(`${product.base}/api/auth/logout`);
  await request.post(`${product.base}/api/auth/login`, { data: { email, password: 'bench-cook-password' } });
  await request.put(`${product.base}/api/profile`, { data: { name: 'Bench', locale: 'ja', dishSlugs: ['fried-rice'] } });
}

async function record(drop: boolean): Promise<void> {
  const loadAtStart = load();
  const context = await browser.newContext({ ...PHONE, permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await signInNewCook(context.request);
  await page.goto(`${product.base}/#/new?dish=fried-rice`);
  await page.click('[data-testid=cookcam-open]');
  await page.locator('[data-testid=cookcam][data-phase=ready]').waitFor({ timeout: 20_000 });
  await page.click('[data-testid=cookcam-start]');
  const started = Date.now();
  if (drop) {
    await page.waitForTimeout(Math.max(0, (seconds / 2 - dropSec / 2) * 1000));
    await context.setOffline(true);
    await page.waitForTimeout(dropSec * 1000);
    await context.setOffline(false);
  }
  await page.waitForTimeout(Math.max(0, seconds * 1000 - (Date.now() - started)));
  const loadAtStop = load();
  const t0 = Date.now();
  await page.click('[data-testid=cookcam-stop]');
  const done = page.locator('[data-testid=cookcam-upload][data-finished=true]');
  await done.waitFor({ timeout: 300_000 });
  const t1 = Date.now();
  const bytesAtStop = Number(await done.getAttribute('data-bytes-at-stop'));
  const recorded = Number(await done.getAttribute('data-recorded'));
  await page.click('[data-testid=cookcam-open-coaching]');
  await page.locator('[data-testid=coaching-card]').waitFor({ timeout: 300_000 });
  const t2 = Date.now();
  // What the server stored: the file in local storage, its size and duration (nothing lost = same bytes, full length).
  const sessions = (await (await context.request.get(`${product.base}/api/sessions`)).json()) as { sessions: Array<{ id: string }> };
  const videoDir = path.join(product.dataDir, 'media/sessions', sessions.sessions[0]!.id, 'source-video');
  const stored = path.join(videoDir, fs.readdirSync(videoDir)[0]!);
  const storedBytes = fs.statSync(stored).size;
  const probe = await probePlayableVideo(stored);
  console.log(
    `${drop ? `network dropped ${dropSec} s` : 'steady network'}: ${seconds} s filmed (${probe.videoCodec} ${probe.width}×${probe.height}, ${mb(recorded)}); ` +
      `at stop ${mb(bytesAtStop)} still to send; stop → upload complete ${((t1 - t0) / 1000).toFixed(1)} s; stop → coaching card ${((t2 - t0) / 1000).toFixed(1)} s; ` +
      `stored ${storedBytes === recorded ? 'all' : `${storedBytes} of ${recorded}`} bytes, ${probe.durationSec.toFixed(1)} s long ` +
      `(at start: ${loadAtStart}; at stop: ${loadAtStop})`,
  );
  await context.close();
}

try {
  await wholeIngest(wholeFile);
  await record(false);
  if (dropSec > 0) await record(true);
} finally {
  await browser.close();
  await product.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
