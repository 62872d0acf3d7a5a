/**
 * Child-process entry that owns the embedded database: PGlite (WASM Postgres) with pgvector,
 * exposed over the Postgres wire protocol on loopback. It runs apart from the app because
 * in-process PGlite blocks the event loop. Talks to its parent over IPC:
 *   → { type: 'ready', url }   ← 'shutdown' (or SIGINT/SIGTERM) → closes cleanly and exits 0.
 */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import path from 'node:path';
import { acquireDataDirLock } from './data-dir-lock';
import { installOrderedProtocolQueue } from './ordered-protocol-queue';
import { installPasswordGate, readOrCreatePassword } from './password-gate';

const dataDir = path.resolve(process.env.AJIMI_EMBEDDED_DB_DIR ?? 'data/pglite');
const port = Number(process.env.AJIMI_EMBEDDED_DB_PORT ?? 0);
const maxConnections = Number(process.env.AJIMI_EMBEDDED_DB_MAX_CONNECTIONS ?? 40);
// PGlite runs Postgres single-user: no autovacuum, so the server vacuums and analyzes itself.
const vacuumMinutes = Number(process.env.AJIMI_EMBEDDED_DB_VACUUM_MINUTES ?? 60);

function send(message: object): void {
  if (process.send) process.send(message);
  else console.log(JSON.stringify(message));
}

async function main(): Promise<void> {
  let release: () => void;
  try {
    release = acquireDataDirLock(dataDir);
  } catch (error) {
    send({ type: 'error', message: (error as Error).message });
    process.exitCode = 3;
    return;
  }
  // Postgres's default 128 MB of shared buffers is far more than the product's data set (tens of MB) needs;
  // pages not in the buffers come from the OS file cache. Saves ~50 MB of idle memory.
  const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];
  const db = await PGlite.create({ dataDir, extensions: { vector }, startParams });
  await db.exec('CREATE EXTENSION IF NOT EXISTS vector');
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections });
  const queue = installOrderedProtocolQueue(server);
  // Only a client holding the data dir's password gets in (PGlite itself accepts anyone).
  const password = readOrCreatePassword(dataDir);
  installPasswordGate(server, password);
  await server.start();
  const conn = server.getServerConn(); // "127.0.0.1:PORT"
  const url = `postgres://postgres:${password}@${conn}/postgres?sslmode=disable`;

  // Without it, tables that churn (pg-boss's jobs, review claims, sessions) only grow, and the planner
  // works from the statistics of the day the data was loaded. Runs between two clients' messages, never
  // inside a client's transaction; ~150 ms on a database of tens of MB.
  const vacuum = vacuumMinutes > 0
    ? setInterval(() => {
        queue.whenIdle(() => db.exec('VACUUM (ANALYZE)')).catch((error: unknown) => {
          console.error(`embedded database: VACUUM (ANALYZE) failed: ${error instanceof Error ? error.message : String(error)}`);
        });
      }, vacuumMinutes * 60_000)
    : undefined;
  vacuum?.unref();

  let stopping = false;
  const shutdown = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearInterval(vacuum);
    try {
      await server.stop();
      await db.close(); // flushes the data dir
    } finally {
      release();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  process.on('message', (message) => {
    if (message === 'shutdown') void shutdown();
  });
  // The parent died without telling us: close cleanly rather than linger holding the lock.
  process.on('disconnect', () => void shutdown());
  send({ type: 'ready', url });
}

main().catch((error: unknown) => {
  send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
