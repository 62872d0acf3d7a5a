/**
 * `node --import tsx scripts/bench/console-lists.ts [seconds=10] [connections=50]`
 * Console list endpoints under load: the API process (api/src/main.ts, as deployed) on the
 * embedded Postgres, seeded with the knowledge base plus 400 cooks (1,200 sessions, each with its
 * review item: 400 open, 800 decided; 2,400 chat messages) and 20,000 audit entries; autocannon
 * with 50 concurrent connections signed in as the admin, asking each list exactly as the console
 * does (first page of 25, default sort, the list's default filter: open items for the review queue).
 * Prints p50/p95/p99 latency, throughput and errors per endpoint, after a baseline: GET /api/auth/me
 * (the same server, session lookup and load generator without a list query), and the load average.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase } from '../../core/src/db/embedded/start-embedded-database';
import { createKnex } from '../../core/src/db/knex';
import { migrateToLatest } from '../../core/src/db/migrate';
import { seed } from '../../core/src/seed/seed-demo';
import { seedConsoleVolume } from './support/console-volume';

interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): void;
  on(event: 'done', listener: (result: { requests: { average: number }; errors: number; timeouts: number; non2xx: number }) => void): void;
}
type Autocannon = (options: { url: string; connections: number; duration: number; headers: Record<string, string> }) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const root = path.resolve(import.meta.dirname, '../..');
const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 50);
const COOKS = 400;
const AUDIT_ROWS = 20_000;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; NaN elsewhere). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-bench-console-'));
const db = await startEmbeddedDatabase({ dataDir: path.join(dir, 'pglite') });
const knex = createKnex(db.url, { poolMax: 4 });
let api: ReturnType<typeof fork> | undefined;
try {
  await migrateToLatest(knex);
  const password = 'bench-password-long-enough';
  await seed(knex, { demoAccounts: true, demoPassword: password });
  // The API runs as production, which disables demo accounts at start: the bench's admin is a regular account.
  await knex('users').where({ email: 'admin@ajimi.local' }).update({ is_demo: false });

  const t0 = performance.now();
  await seedConsoleVolume(knex, { cooks: COOKS, auditRows: AUDIT_ROWS });
  await knex.raw('analyze');
  const counts = {
    principles: Number((await knex('principles').count({ n: '*' }).first())?.n),
    cooks: Number((await knex('users').where({ role: 'learner' }).count({ n: '*' }).first())?.n),
    users: Number((await knex('users').count({ n: '*' }).first())?.n),
    audit: Number((await knex('audit_log').count({ n: '*' }).first())?.n),
    reviewItems: Number((await knex('review_items').count({ n: '*' }).first())?.n),
  };
  console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s:`, counts);

  // The API as its own process, like production (the load generator must not share its event loop).
  const port = await freePort();
  api = fork(path.join(root, 'api/src/main.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', AJIMI_DATA_DIR: dir, AJIMI_SERVE_FRONTENDS: 'false', LOG_LEVEL: 'fatal', NODE_ENV: 'production', AJIMI_DEMO_ACCOUNTS: 'false', SESSION_SECRET: randomUUID().repeat(2), LOGIN_RATE_LIMIT_PER_15_MIN: '1000' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    api!.on('message', (m: { type?: string }) => m.type === 'ready' && resolve());
    api!.once('exit', (code) => reject(new Error(`the API exited (${code})`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@ajimi.local', password }) });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0]!;

  const q = (sort: string, filter = '{}') => `?sort=${encodeURIComponent(sort)}&range=${encodeURIComponent('[0,24]')}&filter=${encodeURIComponent(filter)}`;
  const endpoints = [
    // Baseline: the same server, session check and autocannon, no list query (what the machine gives at all).
    ['/api/auth/me', ''],
    // The console's review list opens on the open items (console/src/reviews/ReviewList.tsx).
    ['/api/console/reviews', q('["createdAt","ASC"]', '{"status":["pending","in_review"]}')],
    ['/api/console/principles', q('["updated_at","DESC"]')],
    ['/api/console/cooks', q('["last_message_at","DESC"]')],
    ['/api/console/users', q('["email","ASC"]')],
    ['/api/console/audit-log', q('["id","DESC"]')],
  ] as const;

  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' / ');
  console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model}, load average ${load()} (1/5/15 min) before the runs`);
  console.log(`${connections} connections, ${seconds} s each, admin session, first page of 25 (react-admin's request)\n`);
  // CPU per request of the database process (one thread: its ceiling) and of the API process.
  console.log('endpoint                      req/s    p50 ms   p95 ms   p99 ms   errors  non-2xx  db cpu/req  api cpu/req');
  for (const [pathName, query] of endpoints) {
    // Warm-up: a first request pays for query planning and the connection pool.
    await fetch(`${base}${pathName}${query}`, { headers: { cookie } });
    const latencies: number[] = [];
    const cpuBefore = [cpuMs(db.pid), cpuMs(api.pid)];
    const result = await new Promise<{ requests: { average: number }; errors: number; timeouts: number; non2xx: number }>((resolve) => {
      const instance = autocannon({ url: `${base}${pathName}${query}`, connections, duration: seconds, headers: { cookie } });
      instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
      instance.on('done', resolve);
    });
    latencies.sort((a, b) => a - b);
    const perRequest = (i: 0 | 1, pid: number | undefined) => ((cpuMs(pid) - cpuBefore[i]!) / latencies.length).toFixed(2) + ' ms';
    const cells = [result.requests.average.toFixed(0), percentile(latencies, 50).toFixed(1), percentile(latencies, 95).toFixed(1), percentile(latencies, 99).toFixed(1), String(result.errors + result.timeouts), String(result.non2xx), perRequest(0, db.pid), perRequest(1, api.pid)];
    console.log(`${pathName.padEnd(28)}${cells.map((c, i) => c.padStart(i < 6 ? 8 : 11)).join(' ')}`);
    // Let the requests still queued when the clock stopped drain before the next endpoint.
    await new Promise((r) => setTimeout(r, 2000));
  }
  console.log(`\nload average ${load()} after the runs`);
} finally {
  if (api && api.exitCode === null) {
    const exited = new Promise((r) => api!.once('exit', r));
    api.kill('SIGTERM');
    await exited;
  }
  await knex.destroy();
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
