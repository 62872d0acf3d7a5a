/**
 * `node --import tsx scripts/bench/pipeline.ts [seconds=300] [height=1080]`
 * Upload complete → coaching text in the chat, for a generated phone-like video (default 5 min
 * 1080p H.264 with sensor grain), offline providers, on a fresh embedded database: the real API
 * (tus upload over loopback) and a real worker in this process. Also ingest time as a ratio of the
 * video's duration, against the baseline of a bare full decode of the same file (ffmpeg -f null).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import * as tus from 'tus-js-client';
import { createApp } from '../../api/src/app';
import { loadConfig } from '../../core/src/config';
import { connectDatabase } from '../../core/src/db/database';
import { startEmbeddedDatabase } from '../../core/src/db/embedded/start-embedded-database';
import { prepareDatabase } from '../../core/src/seed/prepare-database';
import { runMediaTool } from '../../core/src/media/run-media-tool';
import { generateTestVideo } from '../../core/src/media/testing/generate-test-video';
import { createBoss, createQueues } from '../../core/src/queue/boss';
import { bossQueue } from '../../core/src/queue/job-queue';
import { createPipelineDeps, createProviders } from '../../core/src/wiring';
import { queueStaleEmbeddings } from '../../core/src/services/pipeline/reembed-principle';
import { createJobs } from '../../jobs/src/jobs';
import { startWorker } from '../../jobs/src/worker';

const seconds = Number(process.argv[2] ?? 300);
const height = Number(process.argv[3] ?? 1080);
const width = Math.round((height * 16) / 9);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-bench-pipeline-'));
const log = (s: string) => console.log(s);

const db = await startEmbeddedDatabase({ dataDir: path.join(dir, 'pglite') });
const config = loadConfig({ ...process.env, NODE_ENV: 'test', AJIMI_DATA_DIR: dir, LOG_LEVEL: 'silent', AJIMI_SERVE_FRONTENDS: 'false', AJIMI_DEMO_PASSWORD: 'bench-password' });
const { knex, close } = connectDatabase(db.url, { poolMax: 6 });
try {
  await prepareDatabase(knex, config);
  const logger = pino({ level: 'silent' });
  const deps = await createPipelineDeps(config, knex);
  const worker = await startWorker({ databaseUrl: db.url, knex, logger, jobs: createJobs(deps), concurrency: 2, pollingIntervalSeconds: 0.5 });
  await queueStaleEmbeddings(knex, bossQueue(worker.boss), deps.embeddings.model);
  const boss = createBoss(db.url, { max: 2, supervise: false });
  await boss.start();
  await createQueues(boss);
  const app = createApp({ config, knex, logger, sessionSecret: 'bench'.padEnd(40, 'x'), providers: await createProviders(config, knex), queue: bossQueue(boss), uploadDir: path.join(dir, 'uploads') });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const video = process.env.BENCH_VIDEO ?? path.join(dir, 'cook.mp4');
  let t = performance.now();
  if (!process.env.BENCH_VIDEO) await generateTestVideo(video, { durationSec: seconds, width, height, grain: 12, sizzle: 'weak', preset: 'ultrafast', videoBitrateKbps: 12_000 });
  log(`generated ${seconds} s ${width}×${height} H.264 test video (${(fs.statSync(video).size / 2 ** 20).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  t = performance.now();
  await runMediaTool('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-threads', '2', '-i', video, '-f', 'null', '-']);
  const decodeSec = (performance.now() - t) / 1000;

  // Wait for the knowledge base to be embedded, as on a running install.
  while (Number((await knex('principles').whereNot('embedding_status', 'ready').count({ n: '*' }).first())?.n) > 0) await new Promise((r) => setTimeout(r, 200));

  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'learner@ajimi.local', password: 'bench-password' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const created = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ dishSlug: 'fried-rice' }) });
  const { session } = (await created.json()) as { session: { id: string } };

  t = performance.now();
  await new Promise<void>((resolve, reject) => {
    new tus.Upload(fs.createReadStream(video), {
      endpoint: `${base}/api/uploads`,
      uploadSize: fs.statSync(video).size,
      chunkSize: 64 * 2 ** 20,
      headers: { cookie },
      metadata: { sessionId: session.id, kind: 'source_video', filename: 'cook.mp4', filetype: 'video/mp4' },
      onSuccess: () => resolve(),
      onError: reject,
    }).start();
  });
  const uploadSec = (performance.now() - t) / 1000;
  const uploadDone = performance.now();
  for (;;) {
    const m = await knex('chat_messages').where({ session_id: session.id, kind: 'coaching_text' }).first('id');
    if (m) break;
    const s = await knex('cooking_sessions').where({ id: session.id }).first('status', 'failure_reason');
    if (s.status === 'failed') throw new Error(`pipeline failed: ${s.failure_reason}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const toTextSec = (performance.now() - uploadDone) / 1000;
  const s = await knex('cooking_sessions').where({ id: session.id }).first();
  const ingestSec = (new Date(s.ingested_at).getTime() - new Date(s.uploaded_at).getTime()) / 1000;
  const mode = (await knex('analyses').where({ session_id: session.id }).first('result')) ? 'ok' : '?';

  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, offline providers (${mode})`);
  log(`upload over loopback (tus): ${uploadSec.toFixed(1)} s`);
  log(`upload complete → coaching text in chat: ${toTextSec.toFixed(1)} s (target ≤ 20 s)`);
  log(`ingest (probe + per-second signals): ${ingestSec.toFixed(1)} s = ${(ingestSec / seconds).toFixed(3)}× the video's duration`);
  log(`baseline: bare full decode of the same file: ${decodeSec.toFixed(1)} s = ${(decodeSec / seconds).toFixed(3)}× duration; ingest/decode = ${(ingestSec / decodeSec).toFixed(2)}`);
  server.close();
  await worker.stop(5_000);
  await boss.stop({ graceful: false, close: true });
} finally {
  await close();
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
