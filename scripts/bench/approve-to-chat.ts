/**
 * `node --import tsx scripts/bench/approve-to-chat.ts [runs=20]`
 * A chef-coach's "approve" → the video message in the cook's My Coaching room, on a fresh embedded
 * database with the real API (over loopback) and a real worker in this process at its production
 * settings (pg-boss polling every second). Each run: a review item with a finished render (stored
 * as the render stage leaves it), the coach claims it over HTTP, then approves; the clock runs from
 * sending the approval until the cook's GET /api/rooms/:id/messages (polled every 25 ms) shows the
 * video message.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../api/src/app';
import { loadConfig } from '../../core/src/config';
import { connectDatabase } from '../../core/src/db/database';
import { startEmbeddedDatabase } from '../../core/src/db/embedded/start-embedded-database';
import { prepareDatabase } from '../../core/src/seed/prepare-database';
import { createBoss, createQueues } from '../../core/src/queue/boss';
import { bossQueue } from '../../core/src/queue/job-queue';
import { createPipelineDeps, createProviders } from '../../core/src/wiring';
import { createReviewFixture } from '../../core/src/services/review/testing/review-fixtures';
import { createJobs } from '../../jobs/src/jobs';
import { startWorker } from '../../jobs/src/worker';

const runs = Number(process.argv[2] ?? 20);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-bench-approve-'));
const log = (s: string) => console.log(s);
const PASSWORD = 'bench-password';

const db = await startEmbeddedDatabase({ dataDir: path.join(dir, 'pglite') });
const config = loadConfig({ ...process.env, NODE_ENV: 'test', AJIMI_DATA_DIR: dir, LOG_LEVEL: 'silent', AJIMI_SERVE_FRONTENDS: 'false', AJIMI_DEMO_PASSWORD: PASSWORD, AJIMI_DEMO_SESSION: 'false' });
const { knex, close } = connectDatabase(db.url, { poolMax: 6 });
try {
  await prepareDatabase(knex, config);
  const logger = pino({ level: 'silent' });
  const deps = await createPipelineDeps(config, knex);
  // Production settings: WORKER_CONCURRENCY and the worker's default polling interval.
  const worker = await startWorker({ databaseUrl: db.url, knex, logger, jobs: createJobs(deps), concurrency: config.workerConcurrency });
  const boss = createBoss(db.url, { max: 2, supervise: false });
  await boss.start();
  await createQueues(boss);
  const app = createApp({ config, knex, logger, sessionSecret: 'bench'.padEnd(40, 'x'), providers: await createProviders(config, knex), queue: bossQueue(boss), uploadDir: path.join(dir, 'uploads') });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signIn = async (email: string) => {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    if (!res.ok) throw new Error(`sign-in ${email}: ${res.status}`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const coach = await signIn('coach@ajimi.local');
  const learner = await signIn('learner@ajimi.local');
  const cook = await knex('users').where({ email: 'learner@ajimi.local' }).first('id');
  const rooms = (await (await fetch(`${base}/api/rooms`, { headers: { cookie: learner } })).json()) as { rooms: Array<{ id: string; kind: string }> };
  const room = rooms.rooms.find((r) => r.kind === 'my_coaching')!;
  const post = (url: string, body: object) => fetch(`${base}${url}`, { method: 'POST', headers: { cookie: coach, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  const total: number[] = [];
  const approveHttp: number[] = [];
  for (let i = 0; i < runs; i++) {
    const f = await createReviewFixture(knex, { cookId: cook.id, dishSlug: 'fried-rice', withRender: true });
    const claimed = await post(`/api/console/reviews/${f.reviewId}/claim`, {});
    if (!claimed.ok) throw new Error(`claim: ${claimed.status} ${await claimed.text()}`);
    const t0 = performance.now();
    const approved = await post(`/api/console/reviews/${f.reviewId}/approve`, {});
    approveHttp.push(performance.now() - t0);
    if (!approved.ok) throw new Error(`approve: ${approved.status} ${await approved.text()}`);
    for (;;) {
      const res = await fetch(`${base}/api/rooms/${room.id}/messages?limit=5`, { headers: { cookie: learner } });
      const { messages } = (await res.json()) as { messages: Array<{ kind: string; sessionId: string | null }> };
      if (messages.some((m) => m.kind === 'video' && m.sessionId === f.sessionId)) break;
      if (performance.now() - t0 > 30_000) throw new Error('no video message after 30 s');
      await new Promise((r) => setTimeout(r, 25));
    }
    total.push(performance.now() - t0);
  }
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
    return `median ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms, min ${s[0]!.toFixed(0)} ms, max ${s.at(-1)!.toFixed(0)} ms`;
  };
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, embedded PGlite, worker concurrency ${config.workerConcurrency}, pg-boss polling 1 s`);
  log(`approve → video message in the cook's chat (${runs} runs): ${stats(total)}`);
  log(`  of which the approve request itself: ${stats(approveHttp)}`);
  server.close();
  await worker.stop(5_000);
  await boss.stop({ graceful: false, close: true });
} finally {
  await close();
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
