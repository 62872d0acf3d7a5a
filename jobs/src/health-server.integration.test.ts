import { afterAll, describe, expect, inject, it } from 'vitest';
import { createKnex } from '@ajimi/core/db/knex';
import { createLogger } from '@ajimi/core/logger';
import { beatWorker } from '@ajimi/core/data/worker-heartbeats';
import { WORKER_HEALTH_PATH, WORKER_HEALTH_STALE_SECONDS, startWorkerHealthServer } from './health-server';

const knex = createKnex(inject('databaseUrl'), { poolMax: 2 });
const logger = createLogger('test', 'silent');
afterAll(() => knex.destroy());

describe('worker health port', () => {
  it('answers 200 while the worker beats, 503 once its heartbeat is stale, 404 elsewhere', async () => {
    const worker = { id: `health-test:${process.pid}`, hostname: 'test', pid: process.pid, queues: ['ingest'] };
    const health = await startWorkerHealthServer({ knex, workerId: worker.id, port: 0, host: '127.0.0.1', logger });
    const url = `http://127.0.0.1:${health.port}`;
    try {
      expect((await fetch(url + WORKER_HEALTH_PATH)).status).toBe(503); // never beat yet
      await beatWorker(knex, worker);
      const ok = await fetch(url + WORKER_HEALTH_PATH);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ status: 'ok' });
      await knex('worker_heartbeats')
        .where({ worker_id: worker.id })
        .update({ last_seen_at: knex.raw('now() - make_interval(secs => ?)', [WORKER_HEALTH_STALE_SECONDS + 1]) });
      const stale = await fetch(url + WORKER_HEALTH_PATH);
      expect(stale.status).toBe(503);
      expect(await stale.json()).toEqual({ status: 'stale' });
      expect((await fetch(url + '/anything-else')).status).toBe(404);
    } finally {
      await health.close();
      await knex('worker_heartbeats').where({ worker_id: worker.id }).delete();
    }
  });
});
