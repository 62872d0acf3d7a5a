import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { workerSeenSince } from '@ajimi/core/data/worker-heartbeats';
import type { Logger } from '@ajimi/core/logger';

/** Path of the worker's health answer (Docker HEALTHCHECK, compose, Cloud Run probes read it). */
export const WORKER_HEALTH_PATH = '/health';
/** The worker beats every 5 s (worker.ts); three missed beats and it counts as stuck. */
export const WORKER_HEALTH_STALE_SECONDS = 15;

/**
 * A tiny HTTP port for orchestrators (WORKER_HEALTH_PORT): 200 while this worker's own heartbeat
 * row in Postgres is fresh, 503 when the database is unreachable or the heartbeat stalled.
 * It answers nothing else and never reveals more than "ok" or "stale".
 */
export async function startWorkerHealthServer(deps: {
  knex: Knex;
  workerId: string;
  port: number;
  host: string;
  logger: Logger;
}): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://worker');
    if (req.method !== 'GET' || url.pathname !== WORKER_HEALTH_PATH) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
      return;
    }
    workerSeenSince(deps.knex, deps.workerId, WORKER_HEALTH_STALE_SECONDS)
      .then((fresh) => {
        res.writeHead(fresh ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: fresh ? 'ok' : 'stale' }));
      })
      .catch((err: unknown) => {
        deps.logger.warn({ err }, 'worker health check could not reach the database');
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"database_unreachable"}');
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  deps.logger.info({ port, path: WORKER_HEALTH_PATH }, 'worker health port listening');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
