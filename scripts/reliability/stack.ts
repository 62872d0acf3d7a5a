/**
 * A whole Ajimi on its own: a fresh embedded database (on a fixed port, so it can be restarted
 * under the same DATABASE_URL), the real API in this process on loopback, and real worker
 * processes (jobs/src/main.ts, what `npm run worker` runs) started and killed on demand.
 * Used by the fault-injection suite and the load benchmark: they need workers of their own, and
 * the test run's shared database allows only one pipeline worker at a time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { pino } from 'pino';
import type { PgBoss } from 'pg-boss';
import * as tus from 'tus-js-client';
import { createApp } from '../../api/src/app';
import { loadConfig, type Config } from '../../core/src/config';
import { connectDatabase } from '../../core/src/db/database';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../core/src/db/embedded/start-embedded-database';
import { prepareDatabase } from '../../core/src/seed/prepare-database';
import type { Role } from '../../core/src/domain/roles';
import { createProviders } from '../../core/src/wiring';
import { activeJobQueues } from '../../core/src/data/queue-jobs';
import type { LocalStorage } from '../../core/src/providers/storage/local-storage';
import { createBoss, createQueues } from '../../core/src/queue/boss';
import { bossQueue, type JobQueue } from '../../core/src/queue/job-queue';
import { hashPassword } from '../../core/src/services/auth/password-hash';
import { ensureLearnerRooms } from '../../core/src/data/chat-rooms';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WORKER_ENTRY = path.join(root, 'jobs/src/main.ts');

export interface Stack {
  dir: string;
  /** DATABASE_URL (the same across restarts of the database). */
  databaseUrl: string;
  base: string;
  config: Config;
  knex: Knex;
  storage: LocalStorage;
  boss: PgBoss;
  queue: JobQueue;
  apiServer: Server;
  /** Stops the database abruptly (SIGKILL) or cleanly, then starts it again on the same port and data. */
  restartDatabase(how: 'kill' | 'clean'): Promise<void>;
  databasePid(): number;
  startWorker(env?: Record<string, string>): Promise<WorkerProcess>;
  close(): Promise<void>;
}

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  kill(): Promise<void>;
  /** SIGTERM: the worker lets its running jobs finish (graceful stop). */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

export async function startStack(options: { env?: Record<string, string>; poolMax?: number } = {}): Promise<Stack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-reliability-'));
  const dbDir = path.join(dir, 'pglite');
  const port = await freePort();
  let db: EmbeddedDatabase = await startEmbeddedDatabase({ dataDir: dbDir, port });
  const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', AJIMI_SERVE_FRONTENDS: 'false', AJIMI_DATA_DIR: dir, AJIMI_DEMO_ACCOUNTS: 'false', ...options.env };
  const config = loadConfig({ ...env, DATABASE_URL: db.url });
  const { knex, close: closeDb } = connectDatabase(db.url, { poolMax: options.poolMax ?? 6 });
  await prepareDatabase(knex, config);
  const providers = await createProviders(config, knex);
  const storage = providers.storage as LocalStorage;
  const boss = createBoss(db.url, { max: 2, supervise: false });
  boss.on('error', () => undefined); // a restarted database drops its connections; pg-boss reconnects
  await boss.start();
  await createQueues(boss);
  const queue = bossQueue(boss);
  const app = createApp({ config, knex, logger: pino({ level: 'silent' }), sessionSecret: randomBytes(32).toString('hex'), providers, queue, uploadDir: path.join(dir, 'uploads') });
  const apiServer = app.listen(0, '127.0.0.1');
  await new Promise((r) => apiServer.once('listening', r));
  const base = `http://127.0.0.1:${(apiServer.address() as AddressInfo).port}`;
  const workers = new Set<ChildProcess>();

  const stack: Stack = {
    dir,
    databaseUrl: db.url,
    base,
    config,
    knex,
    storage,
    boss,
    queue,
    apiServer,
    databasePid: () => db.pid,
    async restartDatabase(how) {
      if (how === 'kill') {
        process.kill(-db.pid, 'SIGKILL'); // its own process group (detached)
        await waitFor('the database to go', async () => !alive(db.pid), 15_000);
        fs.rmSync(path.join(dbDir, 'ajimi.lock'), { force: true });
      } else await db.stop();
      db = await startEmbeddedDatabase({ dataDir: dbDir, port });
    },
    async startWorker(extra = {}) {
      const child = fork(WORKER_ENTRY, [], {
        execArgv: ['--import', 'tsx'],
        cwd: root,
        env: { ...process.env, ...env, DATABASE_URL: stack.databaseUrl, WORKER_CONCURRENCY: '1', ...extra },
        stdio: ['ignore', 'ignore', process.env.AJIMI_WORKER_STDERR ? 'inherit' : 'ignore', 'ipc'],
      });
      workers.add(child);
      child.once('exit', () => workers.delete(child));
      await new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve());
        child.once('exit', (code) => reject(new Error(`worker exited during start (${code})`)));
      });
      return {
        child,
        pid: child.pid ?? -1,
        async kill() {
          child.kill('SIGKILL');
          await exited(child);
        },
        async stop() {
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), 30_000);
          await exited(child);
          clearTimeout(t);
        },
      };
    },
    async close() {
      for (const w of workers) {
        w.kill('SIGKILL');
        await exited(w);
      }
      await new Promise((r) => apiServer.close(r));
      await boss.stop({ graceful: false, close: true }).catch(() => undefined);
      await closeDb();
      await db.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return stack;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined); // the database may be restarting
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface StackUser {
  id: string;
  email: string;
  password: string;
  cookie: string;
}

/** A user of the given role, signed in through the real login route. */
export async function createUser(stack: Pick<Stack, 'knex' | 'base'>, role: Role): Promise<StackUser> {
  const password = randomBytes(12).toString('base64url');
  const email = `${role}-${randomUUID().slice(0, 8)}@reliability.ajimi.local`;
  const [row] = await stack.knex('users').insert({ email, name: `Reliability ${role}`, role, password_hash: await hashPassword(password) }).returning('id');
  if (role === 'learner') await ensureLearnerRooms(stack.knex, row.id);
  const login = await fetch(`${stack.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return { id: row.id as string, email, password, cookie: login.headers.get('set-cookie')!.split(';')[0]! };
}

export async function createSession(base: string, cookie: string, body: object = { dishSlug: 'fried-rice' }): Promise<string> {
  const res = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`POST /api/sessions: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { session: { id: string } }).session.id;
}

/** A resumable upload through the real tus endpoint. */
export function tusUpload(
  base: string,
  cookie: string,
  file: string | Buffer,
  metadata: Record<string, string>,
  options: { chunkSize?: number } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const body = typeof file === 'string' ? fs.createReadStream(file) : file;
    new tus.Upload(body, {
      endpoint: `${base}/api/uploads`,
      uploadSize: typeof file === 'string' ? fs.statSync(file).size : file.length,
      chunkSize: options.chunkSize ?? 16 * 1024 * 1024,
      headers: { cookie },
      retryDelays: [],
      metadata,
      onSuccess: () => resolve(),
      onError: reject,
    }).start();
  });
}

/** Every file under the storage root, as storage keys (sidecars and temporary files left out). */
export function storedKeys(storage: LocalStorage): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (!e.name.endsWith('.meta.json')) out.push(path.relative(storage.rootDir, full).split(path.sep).join('/'));
    }
  };
  walk(storage.rootDir);
  return out.sort();
}

/**
 * What must hold for a session after any fault: it ended in review/delivered or failed with a
 * reason, exactly one coaching text (none if it failed before the text), at most one video
 * message, no job of it stuck active, and its media rows and stored files match one to one.
 * Returns the problems found (empty = all good).
 */
export async function sessionInvariants(knex: Knex, storage: LocalStorage, sessionId: string): Promise<string[]> {
  const problems: string[] = [];
  const s = await knex('cooking_sessions').where({ id: sessionId }).first();
  if (!s) return ['session row is gone'];
  const texts = Number((await knex('chat_messages').where({ session_id: sessionId, kind: 'coaching_text' }).count({ n: '*' }).first())?.n);
  const videos = Number((await knex('chat_messages').where({ session_id: sessionId, kind: 'video' }).count({ n: '*' }).first())?.n);
  if (['in_review', 'delivered'].includes(s.status)) {
    if (texts !== 1) problems.push(`${texts} coaching texts (want exactly 1)`);
  } else if (s.status === 'failed') {
    if (!s.failed_stage || !s.failure_reason) problems.push('failed without a stage and reason');
    if (texts > 1) problems.push(`${texts} coaching texts`);
  } else problems.push(`session still ${s.status}`);
  if (videos > 1) problems.push(`${videos} video messages (want at most 1)`);
  const active = await activeJobQueues(knex, sessionId);
  if (active.length) problems.push(`jobs stuck active: ${active.join(', ')}`);
  const derived = await knex('media_assets').where({ session_id: sessionId }).whereIn('kind', ['source_video', 'proxy', 'poster', 'sprite']).whereNull('deleted_at').whereRaw("(probe->>'renderVersion') is null").groupBy('kind').havingRaw('count(*) > 1').select('kind');
  if (derived.length) problems.push(`more than one ${derived.map((d: { kind: string }) => d.kind).join(', ')}`);
  const rows: string[] = await knex('media_assets').where({ session_id: sessionId }).whereNull('deleted_at').pluck('storage_key');
  const files = storedKeys(storage).filter((k) => k.startsWith(`sessions/${sessionId}/`));
  const orphanFiles = files.filter((k) => !rows.includes(k));
  const missingFiles = rows.filter((k) => !files.includes(k));
  if (orphanFiles.length) problems.push(`files without a media row: ${orphanFiles.join(', ')}`);
  if (missingFiles.length) problems.push(`media rows without a file: ${missingFiles.join(', ')}`);
  return problems;
}
