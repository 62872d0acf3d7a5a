import type { Knex } from 'knex';
import { PgBoss, fromKnex } from 'pg-boss';

export interface QueueView {
  name: string;
  policy: string;
  deadLetter: string | null;
  queued: number;
  active: number;
  deferred: number;
  failed: number;
  total: number;
  /** Seconds the oldest ready job has waited, as of pg-boss's last monitor pass. */
  oldestReadySeconds: number | null;
  monitoredAt: string | null;
}

/**
 * The queues as pg-boss itself reports them (getQueues: the counts its monitor caches), read
 * through this process's own connection pool. Read-only: nothing here can change a job.
 */
export async function queueOverview(knex: Knex, schema = 'pgboss'): Promise<QueueView[]> {
  // An unstarted instance on the app's pool: it runs the queries and starts no timers or workers.
  const boss = new PgBoss({ db: fromKnex(knex), schema });
  const queues = await boss.getQueues();
  return queues
    .map((q) => {
      const row = q as typeof q & { readyOldestSeconds?: number | null; monitorOn?: Date | string | null; failedCount?: number };
      return {
        name: q.name,
        policy: String(q.policy ?? 'standard'),
        deadLetter: q.deadLetter ?? null,
        queued: Number(q.queuedCount ?? 0),
        active: Number(q.activeCount ?? 0),
        deferred: Number(q.deferredCount ?? 0),
        failed: Number(row.failedCount ?? 0),
        total: Number(q.totalCount ?? 0),
        oldestReadySeconds: row.readyOldestSeconds ?? null,
        monitoredAt: row.monitorOn ? new Date(row.monitorOn).toISOString() : null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
