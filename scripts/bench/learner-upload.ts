/**
 * `node_modules/.bin/node --import tsx scripts/bench/learner-upload.ts [megabytes=500]`
 * Upload throughput on loopback for a large file through the real tus endpoint (/api/uploads), with
 * the app's own chunk size (8 MB per PATCH, learner-app/src/upload/uploadManager.ts) and with one
 * single PATCH, on a fresh embedded database and local storage, including the copy into storage
 * when the upload completes. Baseline, same process: the same file streamed with one plain HTTP
 * PUT into a file on the same disk (no tus, no database). Then the same file through the app
 * itself: the whole product (npm start's process tree) and Debian's Chromium, New session → send,
 * timed from the tap to "upload complete" on screen.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomFillSync } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { pino } from 'pino';
import * as tus from 'tus-js-client';
import { createApp } from '../../api/src/app';
import { loadConfig } from '../../core/src/config';
import { connectDatabase } from '../../core/src/db/database';
import { startEmbeddedDatabase } from '../../core/src/db/embedded/start-embedded-database';
import { prepareDatabase } from '../../core/src/seed/prepare-database';
import { createProviders } from '../../core/src/wiring';
import { createBoss, createQueues } from '../../core/src/queue/boss';
import { bossQueue } from '../../core/src/queue/job-queue';
import { launchChromium, PHONE, startProduct } from './learner-product';

const megabytes = Number(process.argv[2] ?? 500);
const APP_CHUNK = 8 * 1024 * 1024;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-bench-upload-'));
const file = path.join(dir, 'big.mp4');

// Random bytes: incompressible, like video.
{
  const fd = fs.openSync(file, 'w');
  const block = Buffer.alloc(8 * 1024 * 1024);
  for (let written = 0; written < megabytes * 1024 * 1024; written += block.length) {
    randomFillSync(block);
    fs.writeSync(fd, block, 0, Math.min(block.length, megabytes * 1024 * 1024 - written));
  }
  fs.closeSync(fd);
}
const size = fs.statSync(file).size;
const mbps = (ms: number) => (size / 1024 / 1024 / (ms / 1000)).toFixed(0);

const db = await startEmbeddedDatabase({ dataDir: path.join(dir, 'pglite') });
const config = loadConfig({ ...process.env, NODE_ENV: 'test', AJIMI_DATA_DIR: dir, LOG_LEVEL: 'silent', AJIMI_SERVE_FRONTENDS: 'false', AJIMI_DEMO_PASSWORD: 'bench-password' });
const { knex, close } = connectDatabase(db.url, { poolMax: 4 });
try {
  await prepareDatabase(knex, config);
  const boss = createBoss(db.url, { max: 2, supervise: false });
  await boss.start();
  await createQueues(boss);
  const app = createApp({ config, knex, logger: pino({ level: 'silent' }), sessionSecret: 'bench'.padEnd(40, 'x'), providers: await createProviders(config, knex), queue: bossQueue(boss), uploadDir: path.join(dir, 'uploads') });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'learner@ajimi.local', password: 'bench-password' }) });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;

  const upload = async (chunkSize: number) => {
    const created = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ dishSlug: 'fried-rice' }) });
    const sessionId = ((await created.json()) as { session: { id: string } }).session.id;
    const t = performance.now();
    await new Promise<void>((resolve, reject) => {
      new tus.Upload(fs.createReadStream(file), {
        endpoint: `${base}/api/uploads`,
        uploadSize: size,
        chunkSize,
        headers: { cookie },
        metadata: { sessionId, kind: 'source_video', filename: 'big.mp4', filetype: 'video/mp4' },
        onSuccess: () => resolve(),
        onError: reject,
      }).start();
    });
    const ms = performance.now() - t;
    const session = await knex('cooking_sessions').where({ id: sessionId }).first('status');
    if (session.status !== 'uploaded') throw new Error(`upload did not complete: ${session.status}`);
    return ms;
  };

  const chunked = await upload(APP_CHUNK);
  const single = await upload(Infinity);

  // Baseline: one plain streamed PUT into a file on the same disk.
  const sink = http.createServer((req, res) => {
    void pipeline(req, fs.createWriteStream(path.join(dir, 'baseline.bin'))).then(() => res.end('ok'));
  });
  sink.listen(0, '127.0.0.1');
  await new Promise((r) => sink.once('listening', r));
  const t = performance.now();
  await new Promise<void>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: (sink.address() as AddressInfo).port, method: 'PUT', path: '/', headers: { 'content-length': size } }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    fs.createReadStream(file).pipe(req);
  });
  const baseline = performance.now() - t;
  sink.close();

  console.log(`tus upload over loopback of a ${(size / 1024 / 1024).toFixed(0)} MB file (complete = stored and ingest queued)`);
  console.log(`  8 MB chunks (the app's setting)   ${(chunked / 1000).toFixed(1)} s = ${mbps(chunked)} MB/s`);
  console.log(`  one PATCH                          ${(single / 1000).toFixed(1)} s = ${mbps(single)} MB/s`);
  console.log(`  baseline: plain streamed PUT to disk  ${(baseline / 1000).toFixed(1)} s = ${mbps(baseline)} MB/s → tus with 8 MB chunks is ${(chunked / baseline).toFixed(1)}× the baseline`);
  server.close();
  await boss.stop({ graceful: false, close: true });

  const product = await startProduct();
  try {
    const browser = await launchChromium();
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await context.request.post(`${product.base}/api/auth/login`, { data: { email: 'learner@ajimi.local', password: product.demoPassword } });
    await context.request.put(`${product.base}/api/profile`, { data: { name: 'Bench', locale: 'ja', dishSlugs: ['fried-rice'] } });
    await page.goto(`${product.base}/#/new?dish=fried-rice`);
    await page.setInputFiles('[data-testid=video-file]', file);
    await page.waitForFunction(() => document.querySelector('[data-testid=video-picked]') && !document.querySelector('[data-testid=video-checking]'), undefined, { timeout: 30_000 });
    const t0 = performance.now();
    await page.click('[data-testid=send-session]');
    await page.locator('[data-testid=upload-done]').waitFor({ timeout: 600_000 });
    const inBrowser = performance.now() - t0;
    await browser.close();
    console.log(`  in the app (Chromium, tus-js-client, 8 MB chunks, whole product)  ${(inBrowser / 1000).toFixed(1)} s = ${mbps(inBrowser)} MB/s → ${(inBrowser / baseline).toFixed(1)}× the baseline`);
  } finally {
    await product.stop();
  }
} finally {
  await close();
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
