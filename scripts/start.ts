/**
 * `npm start`: the whole product in one process tree on its embedded defaults.
 * embedded database (unless DATABASE_URL) → migrate + seed → API and worker as child processes,
 * each restarted if it crashes → prints the URLs and demo accounts once /api/health is ready.
 */
import '@ajimi/core/load-env-file'; // first: .env fills what the environment leaves unset
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '@ajimi/core/config';
import { connectDatabase } from '@ajimi/core/db/database';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '@ajimi/core/db/embedded/start-embedded-database';
import { assertEmbeddedDatabaseAllowed } from '@ajimi/core/db/embedded/embedded-database-policy';
import { prepareDatabase } from '@ajimi/core/seed/prepare-database';
import { createLogger } from '@ajimi/core/logger';
import { untilShutdown } from '@ajimi/core/process';

const startedAt = Date.now();
const config = loadConfig();
const logger = createLogger('start', config.logLevel);
const root = path.resolve(import.meta.dirname, '..');

let embedded: EmbeddedDatabase | undefined;
let databaseUrl = config.databaseUrl;
if (!databaseUrl) {
  assertEmbeddedDatabaseAllowed(config);
  embedded = await startEmbeddedDatabase({ dataDir: path.join(config.dataDir, 'pglite') });
  databaseUrl = embedded.url;
  logger.info({ dataDir: path.join(config.dataDir, 'pglite') }, 'embedded database ready');
}

const db = connectDatabase(databaseUrl, { poolMax: 2 });
const { migrated, seed } = await prepareDatabase(db.knex, config);
await db.close();
if (migrated.length) logger.info({ migrated }, 'migrations applied');

interface Supervised {
  name: string;
  child?: ChildProcess;
  restarts: number[];
}
let stopping = false;
const children: Supervised[] = [
  { name: 'api', restarts: [] },
  { name: 'worker', restarts: [] },
];
const entries: Record<string, string> = {
  api: path.join(root, 'api/src/main.ts'),
  worker: path.join(root, 'jobs/src/main.ts'),
};

function launch(s: Supervised): void {
  const child = fork(entries[s.name] as string, [], {
    // --expose-gc: a process that lets go of a large cache (the Japanese dictionary) frees it at once.
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true, // signalled by us only, in order: API and worker first, the database last
  });
  s.child = child;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    const now = Date.now();
    s.restarts = s.restarts.filter((t) => now - t < 60_000);
    if (s.restarts.length >= 5) {
      logger.fatal({ process: s.name }, `${s.name} crashed 5 times within a minute; stopping`);
      void shutdown(1);
      return;
    }
    s.restarts.push(now);
    logger.error({ process: s.name, code, signal }, `${s.name} exited; restarting`);
    setTimeout(() => launch(s), 1000);
  });
}
children.forEach(launch);

async function waitForHealth(): Promise<boolean> {
  const url = `http://127.0.0.1:${config.port}/api/health`;
  for (let i = 0; i < 240 && !stopping; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (s) =>
        new Promise<void>((resolve) => {
          const child = s.child;
          if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 25_000).unref();
        }),
    ),
  );
  await embedded?.stop();
  process.exit(code);
}

if (await waitForHealth()) {
  const base = config.publicUrl.replace(/\/$/, '');
  const lines = [
    '',
    `Ajimi is ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
    `  Learner app  ${base}/`,
    `  Console      ${base}/console/`,
    `  API health   ${base}/api/health`,
    `  Database     ${embedded ? `embedded (${path.relative(process.cwd(), path.join(config.dataDir, 'pglite')) || '.'})` : 'DATABASE_URL'}`,
  ];
  if (seed.demo) {
    lines.push('', `Demo accounts (password: ${seed.demo.password})`);
    for (const a of seed.demo.accounts) lines.push(`  ${a.role.padEnd(8)} ${a.email}`);
  }
  lines.push('', 'Press Ctrl+C to stop.', '');
  console.log(lines.join('\n'));
  process.send?.({ type: 'ready', ms: Date.now() - startedAt });
} else if (!stopping) {
  logger.error('the API did not become healthy within 60 s; see the logs above');
}

await untilShutdown(logger);
await shutdown(0);
