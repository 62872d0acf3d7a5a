/**
 * Load: N concurrent tus uploads of a generated M-MB video while autocannon drives ~R req/s at the
 * chat (GET /api/rooms/:id/messages) and the console lists; then how long the pipeline backlog
 * takes to drain. Loopback only, bounded in count and time, on a fresh embedded database with the
 * real API and worker as separate processes (their memory is sampled from /proc).
 *
 *   node_modules/.bin/node --import tsx scripts/bench/load.ts [--uploads 50] [--size-mb 100] [--rate 200] [--min-seconds 30] [--drain-timeout 3600]
 *
 * Reduced run (proves it works): --uploads 10 --size-mb 20. Figures: docs/RELIABILITY.md.
 */
import { pendingJobCounts } from '../../core/src/data/queue-jobs';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { generateTestVideo } from '../../core/src/media/testing/generate-test-video';
import { PIPELINE_QUEUES } from '../../core/src/queue/queues';
import { createSession, createUser, startStack, tusUpload, waitFor, type StackUser } from '../reliability/stack';

const { values: flags } = parseArgs({
  options: {
    uploads: { type: 'string', default: '50' },
    'size-mb': { type: 'string', default: '100' },
    rate: { type: 'string', default: '200' },
    'min-seconds': { type: 'string', default: '30' },
    'drain-timeout': { type: 'string', default: '3600' },
  },
});
const N = Math.min(200, Math.max(1, Number(flags.uploads)));
const SIZE_MB = Math.min(1024, Math.max(1, Number(flags['size-mb'])));
const RATE = Math.min(2000, Math.max(1, Number(flags.rate)));
const MIN_SECONDS = Math.max(5, Number(flags['min-seconds']));
const DRAIN_TIMEOUT = Math.max(60, Number(flags['drain-timeout']));
const root = path.resolve(import.meta.dirname, '../..');
const log = (s: string) => console.log(s);

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const stack = await startStack({ env: { WORKER_CONCURRENCY: '2' } });
const children: ChildProcess[] = [];
// Ctrl+C or a timeout: stop the API, the worker and the database rather than leave them running.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const c of children) c.kill('SIGKILL');
    void stack.close().finally(() => process.exit(130));
  });
}
try {
  // The API under test: its own process (npm run api's entry) on the stack's database and data dir.
  const port = await freePort();
  const api = fork(path.join(root, 'api/src/main.ts'), [], {
    execArgv: ['--import', 'tsx'],
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', AJIMI_SERVE_FRONTENDS: 'false', AJIMI_DATA_DIR: stack.dir, DATABASE_URL: stack.databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOGIN_RATE_LIMIT_PER_15_MIN: '100000' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(api);
  await new Promise<void>((resolve, reject) => {
    api.once('message', () => resolve());
    api.once('exit', (code) => reject(new Error(`api exited (${code})`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const target = { ...stack, base };
  const worker = await stack.startWorker({ WORKER_CONCURRENCY: '2' });
  await waitFor('principles embedded', async () => Number((await stack.knex('principles').whereNot('embedding_status', 'ready').count({ n: '*' }).first())?.n) === 0, 300_000);

  // One video of about SIZE_MB: 60 s of 720p with sensor grain at the bit rate that gives that size.
  const video = path.join(stack.dir, 'load.mp4');
  const t = performance.now();
  await generateTestVideo(video, { durationSec: 60, width: 1280, height: 720, grain: 12, sizzle: 'weak', videoBitrateKbps: Math.round((SIZE_MB * 8 * 1024) / 60) });
  const bytes = fs.statSync(video).size;
  log(`video: 60 s 1280×720 H.264, ${(bytes / 2 ** 20).toFixed(1)} MB (made in ${((performance.now() - t) / 1000).toFixed(1)} s)`);

  const cooks: StackUser[] = [];
  for (let i = 0; i < N; i++) cooks.push(await createUser(target, 'learner'));
  const admin = await createUser(target, 'admin');
  const sessions = await Promise.all(cooks.map((c) => createSession(base, c.cookie)));
  const rooms = await Promise.all(
    cooks.map(async (c) => {
      const res = (await (await fetch(`${base}/api/rooms`, { headers: { cookie: c.cookie } })).json()) as { rooms: Array<{ id: string; kind: string }> };
      return res.rooms.find((r) => r.kind === 'my_coaching')!.id;
    }),
  );
  // The console lists that exist in this build (react-admin's range/sort query).
  const consoleLists: string[] = [];
  for (const resource of ['users', 'cooks', 'reviews', 'principles', 'audit-log', 'operations/sessions', 'operations/jobs']) {
    const p = `/api/console/${resource}?range=${encodeURIComponent('[0,24]')}`;
    if ((await fetch(`${base}${p}`, { headers: { cookie: admin.cookie } })).status === 200) consoleLists.push(p);
  }
  log(`chat rooms: ${rooms.length}; console lists answering: ${consoleLists.map((p) => p.split('?')[0]).join(', ')}`);

  // Memory of the API and the worker, sampled every second.
  const peak = { api: 0, worker: 0 };
  const sampler = setInterval(() => {
    peak.api = Math.max(peak.api, rssMb(api.pid!));
    peak.worker = Math.max(peak.worker, rssMb(worker.pid));
  }, 1000);
  const idle = { api: rssMb(api.pid!), worker: rssMb(worker.pid) };

  // Load: half the rate at the chat, half at the console lists, while every cook uploads at once.
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const startedAt = performance.now();
  let uploadsDone = false;
  const uploadErrors: string[] = [];
  const uploads = Promise.all(
    cooks.map((c, i) =>
      tusUpload(base, c.cookie, video, { sessionId: sessions[i]!, kind: 'source_video', filename: 'load.mp4', filetype: 'video/mp4' }, { chunkSize: 8 * 2 ** 20 }).catch((e: Error) => {
        uploadErrors.push(e.message.slice(0, 200));
      }),
    ),
  ).then(() => {
    uploadsDone = true;
    return (performance.now() - startedAt) / 1000;
  });
  const cannon = (name: string, cookie: string, paths: string[], rate: number) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base,
          connections: 10,
          overallRate: rate,
          duration: 3600, // stopped below
          headers: { cookie },
          requests: paths.map((p) => ({ method: 'GET' as const, path: p })),
          title: name,
        },
        (err, result) => (err ? reject(err) : resolve(result)),
      );
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        latencies.push(responseTime);
        statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
      });
      const stop = setInterval(() => {
        if (uploadsDone && (performance.now() - startedAt) / 1000 >= MIN_SECONDS) {
          clearInterval(stop);
          instance.stop();
        }
      }, 250);
    });
  const chatPaths = rooms.slice(0, 20).map((r) => `/api/rooms/${r}/messages`);
  // A room answers only its owner: each chat connection reads the first cook's room (the others would 404).
  const [chat, lists, uploadSec] = await Promise.all([
    cannon('chat', cooks[0]!.cookie, chatPaths.slice(0, 1), RATE / 2),
    consoleLists.length ? cannon('console', admin.cookie, consoleLists, RATE / 2) : Promise.resolve(null),
    uploads,
  ]);
  const loadSec = (performance.now() - startedAt) / 1000;

  latencies.sort((a, b) => a - b);
  const total = latencies.length;
  const non2xx = [...statuses].filter(([s]) => s < 200 || s >= 300).reduce((n, [, c]) => n + c, 0);
  const errors = (chat.errors ?? 0) + (chat.timeouts ?? 0) + (lists ? lists.errors + lists.timeouts : 0);
  log('');
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average at the end ${os.loadavg()[0]!.toFixed(1)}`);
  log(`uploads: ${N} × ${(bytes / 2 ** 20).toFixed(1)} MB concurrently over tus: all done in ${uploadSec.toFixed(1)} s (${((N * bytes) / 2 ** 20 / uploadSec).toFixed(0)} MB/s), ${uploadErrors.length} failed${uploadErrors.length ? `: ${uploadErrors[0]}` : ''}`);
  log(`requests during the uploads (${loadSec.toFixed(0)} s, target ${RATE} req/s): ${total} = ${(total / loadSec).toFixed(0)} req/s; latency p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`);
  log(`  chat p50/p99 ${chat.latency.p50}/${chat.latency.p99} ms; console p50/p99 ${lists ? `${lists.latency.p50}/${lists.latency.p99}` : 'n/a'} ms`);
  log(`errors: ${non2xx} non-2xx (${[...statuses].map(([s, c]) => `${s}×${c}`).join(', ')}), ${errors} connection errors/timeouts`);
  log(`memory (RSS) during the load: API ${idle.api.toFixed(0)} MB idle → ${peak.api.toFixed(0)} MB peak; worker ${idle.worker.toFixed(0)} MB idle → ${peak.worker.toFixed(0)} MB peak`);

  // Drain: first every cook's coaching text, then every pipeline job (proxies, renders, summaries).
  const drainStart = performance.now();
  const progress = setInterval(() => {
    void Promise.all([
      stack.knex('cooking_sessions').whereIn('id', sessions).groupBy('status').select('status', stack.knex.raw('count(*)::int as n')),
      pendingJobCounts(stack.knex, PIPELINE_QUEUES),
    ])
      .then(([st, jobs]) => log(`  … ${((performance.now() - drainStart) / 1000).toFixed(0)} s: sessions ${st.map((r) => `${r.status} ${r.n}`).join(', ')}; jobs ${[...jobs].map(([name, n]) => `${name} ${n}`).join(', ') || 'none'}`))
      .catch(() => undefined);
  }, 30_000);
  await waitFor(
    'every coaching text',
    async () => Number((await stack.knex('cooking_sessions').whereIn('id', sessions).whereNotIn('status', ['in_review', 'delivered', 'failed']).count({ n: '*' }).first())?.n) === 0,
    DRAIN_TIMEOUT * 1000,
    1000,
  );
  const textsSec = (performance.now() - drainStart) / 1000;
  log(`every session has its coaching text (or failed) ${textsSec.toFixed(0)} s after the load ended`);
  await waitFor(
    'the backlog to drain',
    async () => (await pendingJobCounts(stack.knex, PIPELINE_QUEUES)).size === 0,
    DRAIN_TIMEOUT * 1000,
    1000,
  );
  const drainSec = (performance.now() - drainStart) / 1000;
  clearInterval(progress);
  clearInterval(sampler);
  const outcome = await stack.knex('cooking_sessions').whereIn('id', sessions).groupBy('status').select('status', stack.knex.raw('count(*)::int as n'));
  const texts = Number((await stack.knex('chat_messages').whereIn('session_id', sessions).where({ kind: 'coaching_text' }).count({ n: '*' }).first())?.n);
  const renders = await stack.knex('renders').whereIn('session_id', sessions).groupBy('status').select('status', stack.knex.raw('count(*)::int as n'));
  log(`whole backlog (proxies, renders, summaries) drained ${drainSec.toFixed(0)} s after the load ended; sessions: ${outcome.map((o) => `${o.status} ${o.n}`).join(', ')}; coaching texts: ${texts}; renders: ${renders.map((r) => `${r.status} ${r.n}`).join(', ') || 'none'}`);
  log(`memory (RSS) peak over the whole run: API ${peak.api.toFixed(0)} MB, worker ${peak.worker.toFixed(0)} MB`);
} finally {
  for (const c of children) c.kill('SIGTERM');
  await stack.close();
}
