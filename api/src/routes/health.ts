import { Router } from 'express';
import type { Knex } from 'knex';
import { migrationsAreCurrent } from '@ajimi/core/db/migrate';
import { workersSeenSince } from '@ajimi/core/data/worker-heartbeats';
import { pingDatabase } from '@ajimi/core/data/database-clock';

export const WORKER_STALE_AFTER_SECONDS = 30;

/**
 * /api/health: readiness (database reachable, migrations current, a worker seen recently): 200 or 503.
 * /api/health/live: liveness of this process only.
 */
export function healthRoutes(deps: { knex: Knex }): Router {
  const router = Router();
  router.get('/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/', async (_req, res) => {
    const checks: Record<string, { ok: boolean; detail?: string }> = {};
    try {
      await pingDatabase(deps.knex);
      checks.database = { ok: true };
      const current = await migrationsAreCurrent(deps.knex);
      checks.migrations = current ? { ok: true } : { ok: false, detail: 'pending migrations: run npm run migrate' };
      const workers = await workersSeenSince(deps.knex, WORKER_STALE_AFTER_SECONDS);
      checks.workers = workers > 0 ? { ok: true, detail: `${workers} live` } : { ok: false, detail: 'no worker seen in the last 30 s' };
    } catch (error) {
      checks.database = { ok: false, detail: (error as Error).message };
    }
    const ok = ['database', 'migrations', 'workers'].every((name) => checks[name]?.ok);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks });
  });
  return router;
}
