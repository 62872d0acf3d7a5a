/**
 * `node --import tsx scripts/bench/gemini-turnaround.ts [seconds=120] [height=720]`
 * Upload complete → coaching text in the chat with Gemini configured, against the loopback Gemini
 * stub answering with a real service's latencies (assumed, stated below): the real API (tus upload
 * over loopback), a real worker in this process, a fresh embedded database, and the Gemini path of
 * every stage (Files API upload of the proxy, processing polls, generateContent for the analysis and
 * the coaching text, embeddings for retrieval).
 *
 * Latency model (assumptions, not measurements of Google's service):
 * - every request: 150 ms round trip; resumable upload chunks at 20 MB/s;
 * - uploaded video processing: PROCESSING for ~10 % of its duration (≥ 2 s), polled every 2 s;
 * - generateContent: 1.5 s to first token + 1 s per 25,000 input tokens + output (thinking
 *   included, assumed 2,000 tokens + the JSON) at 250 tokens/s;
 * - embeddings: 300 ms.
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
import { generateTestVideo } from '../../core/src/media/testing/generate-test-video';
import { FakeGeminiServer } from '../../core/src/providers/ai/testing/fake-gemini-server';
import { validAnalysis } from '../../core/src/providers/ai/testing/fixtures';
import { createBoss, createQueues } from '../../core/src/queue/boss';
import { bossQueue } from '../../core/src/queue/job-queue';
import { createPipelineDeps, createProviders } from '../../core/src/wiring';
import { queueStaleEmbeddings } from '../../core/src/services/pipeline/reembed-principle';
import { createJobs } from '../../jobs/src/jobs';
import { startWorker } from '../../jobs/src/worker';

const seconds = Number(process.argv[2] ?? 120);
const height = Number(process.argv[3] ?? 720);
const width = Math.round((height * 16) / 9);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-bench-gemini-'));
const log = (s: string) => console.log(s);

const coaching = {
  problem: { ja: '具材を入れた瞬間の音が弱く、鍋が冷えていました。', en: 'The sizzle was weak; the pan was cold.' },
  skill: { ja: '鍋を十分に熱してから具材を入れる。', en: 'Heat the pan fully before the food goes in.' },
  nextSteps: [{ ja: '鍋を2分予熱する。', en: 'Preheat the pan for 2 minutes.' }],
  successSigns: [{ ja: '入れた瞬間にジュワッと鳴る。', en: 'A loud sizzle the instant it goes in.' }],
  principleSlug: null,
};
const narration = {
  part1: { intro: { ja: 'チャーハンのセッションです。', en: 'Your fried rice session.' }, principle: { ja: '鍋を熱する。', en: 'Heat the pan.' } },
  diagnosis: { ja: '鍋が冷えていました。', en: 'The pan was cold.' },
  pivot: { ja: '見てみよう', en: 'look' },
  part2: [
    { offset: 1, text: { ja: '音を聞いて。', en: 'Listen.' }, cue: 'sound' },
    { offset: 6, text: { ja: '鍋を熱してから入れる。', en: 'Heat first, then add.' }, cue: 'rule' },
  ],
};

const fake = await FakeGeminiServer.start();
fake.videoDurationSec = seconds;
fake.processingPolls = Math.max(1, Math.ceil(Math.max(2, seconds * 0.1) / 2));
const generateMs: Record<string, number[]> = {};
fake.latencyFor = (req) => {
  if (req.op === 'upload-chunk') return 150 + (req.body.length / (20 * 2 ** 20)) * 1000;
  if (req.op === 'embed') return 300;
  if (req.op !== 'generate') return 150;
  const output = 2_000 + 1_000;
  const ms = 1_500 + ((req.promptTokens ?? 0) / 25_000) * 1000 + (output / 250) * 1000;
  (generateMs[stageOf(req.json)] ??= []).push(Math.round(ms));
  return ms;
};
function stageOf(json: unknown): string {
  const props = Object.keys((json as { generationConfig?: { responseJsonSchema?: { properties?: Record<string, unknown> } } })?.generationConfig?.responseJsonSchema?.properties ?? {});
  return props.includes('keyMoments') ? 'analyze' : props.includes('nextSteps') ? 'coach-text' : props.includes('part2') ? 'narrate' : 'other';
}
fake.onGenerate = (req) => {
  const stage = stageOf(req.json);
  if (stage === 'other') return { status: 400, message: 'unexpected schema' };
  return { json: stage === 'analyze' ? validAnalysis() : stage === 'coach-text' ? coaching : narration };
};

const db = await startEmbeddedDatabase({ dataDir: path.join(dir, 'pglite') });
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'test',
  AJIMI_DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  AJIMI_SERVE_FRONTENDS: 'false',
  AJIMI_DEMO_PASSWORD: 'bench-password',
  AJIMI_DEMO_SESSION: 'false',
  GEMINI_API_KEY: 'bench-key',
  GEMINI_BASE_URL: fake.baseUrl,
});
const { knex, close } = connectDatabase(db.url, { poolMax: 6 });
try {
  await prepareDatabase(knex, config);
  const logger = pino({ level: 'silent' });
  const providers = await createProviders(config, knex);
  const deps = await createPipelineDeps(config, knex, providers);
  const worker = await startWorker({ databaseUrl: db.url, knex, logger, jobs: createJobs(deps), concurrency: 2, pollingIntervalSeconds: 0.5 });
  await queueStaleEmbeddings(knex, bossQueue(worker.boss), deps.embeddings.model);
  const boss = createBoss(db.url, { max: 2, supervise: false });
  await boss.start();
  await createQueues(boss);
  const app = createApp({ config, knex, logger, sessionSecret: 'bench'.padEnd(40, 'x'), providers, queue: bossQueue(boss), uploadDir: path.join(dir, 'uploads') });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const video = path.join(dir, 'cook.mp4');
  await generateTestVideo(video, { durationSec: seconds, width, height, grain: 12, sizzle: 'weak', preset: 'ultrafast', videoBitrateKbps: 8_000 });
  while (Number((await knex('principles').whereNot('embedding_status', 'ready').count({ n: '*' }).first())?.n) > 0) await new Promise((r) => setTimeout(r, 200));

  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'learner@ajimi.local', password: 'bench-password' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const created = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ dishSlug: 'fried-rice' }) });
  const { session } = (await created.json()) as { session: { id: string } };

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
  const uploadDone = performance.now();
  for (;;) {
    const m = await knex('chat_messages').where({ session_id: session.id, kind: 'coaching_text' }).first('id');
    if (m) break;
    const s = await knex('cooking_sessions').where({ id: session.id }).first('status', 'failure_reason');
    if (s.status === 'failed') throw new Error(`pipeline failed: ${s.failure_reason}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const toTextSec = (performance.now() - uploadDone) / 1000;
  const analysis = await knex('analyses').where({ session_id: session.id }).first('provider', 'model');
  const times = await knex('cooking_sessions').where({ id: session.id }).first('uploaded_at', 'ingested_at', 'analyzed_at', 'retrieved_at', 'coach_text_sent_at');
  const at = (c: string) => new Date(times[c]).getTime();
  const stages = [
    ['ingest', 'uploaded_at', 'ingested_at'],
    ['analyze (proxy + Gemini)', 'ingested_at', 'analyzed_at'],
    ['retrieve', 'analyzed_at', 'retrieved_at'],
    ['coach-text', 'retrieved_at', 'coach_text_sent_at'],
  ].map(([name, from, to]) => `${name} ${((at(to as string) - at(from as string)) / 1000).toFixed(1)} s`);
  const rejected = fake.requests.filter((r) => (r.status ?? 200) >= 400);

  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}`);
  log(`video: ${seconds} s ${width}×${height}; analysis by ${analysis?.provider}/${analysis?.model} through the stub at ${fake.baseUrl}`);
  log(`stub latencies applied: generateContent ${JSON.stringify(generateMs)} ms; ${fake.processingPolls} processing polls`);
  log(`upload complete → coaching text in chat: ${toTextSec.toFixed(1)} s (${stages.join(', ')})`);
  log(`requests the stub refused: ${rejected.length}${rejected.length ? ` (${rejected.map((r) => `${r.op} ${r.status}`).join(', ')})` : ''}`);
  server.close();
  await worker.stop(5_000);
  await boss.stop({ graceful: false, close: true });
} finally {
  await close();
  await db.stop();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
