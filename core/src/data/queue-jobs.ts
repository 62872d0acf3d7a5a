/**
 * Every read of pg-boss's own tables (pgboss.job) lives here: the rest of the product asks these
 * functions, so a pg-boss upgrade that changes its schema is fixed in one file.
 */
import type { Knex } from 'knex';
import { PgBoss, fromKnex } from 'pg-boss';
import type { QueueView } from '../contracts/operations';

const JOB_TABLE = 'pgboss.job';
/** A job in one of these states will still run: the stage is not lost. */
export const PENDING_JOB_STATES = ['created', 'retry', 'active'] as const;

/**
 * Narrows an outer query to rows that have no pending job keyed by keySql (an SQL expression of
 * the outer query, such as "s.id::text"), optionally only jobs of one queue.
 */
export function whereNoPendingJob(knex: Knex, query: Knex.QueryBuilder, keySql: string, queue?: string): Knex.QueryBuilder {
  return query.whereNotExists(function pending() {
    this.select(knex.raw('1')).from(`${JOB_TABLE} as j`).whereRaw(`j.singleton_key = ${keySql}`).whereIn('j.state', PENDING_JOB_STATES);
    if (queue) this.where('j.name', queue);
  });
}

/** The render jobs of a session still waiting or running (their keys name the script version). */
export async function pendingRenderJobs(knex: Knex, sessionId: string): Promise<Array<{ singleton_key: string; state: string; created_on: Date }>> {
  return knex(JOB_TABLE)
    .where({ name: 'render' })
    .whereLike('singleton_key', `render:${sessionId}:v%`)
    .whereIn('state', PENDING_JOB_STATES)
    .select('singleton_key', 'state', 'created_on');
}

/** Whether a job with this queue and key exists in any state (pg-boss keeps finished ones for a while). */
export async function jobExists(knex: Knex, queue: string, singletonKey: string): Promise<boolean> {
  return Boolean(await knex(JOB_TABLE).where({ name: queue, singleton_key: singletonKey }).first('id'));
}

/** The queues of a session's jobs that are running right now. */
export async function activeJobQueues(knex: Knex, sessionId: string): Promise<string[]> {
  return knex(JOB_TABLE).where({ singleton_key: sessionId, state: 'active' }).pluck('name');
}

/** Pending jobs per queue, for the given queues. */
export async function pendingJobCounts(knex: Knex, queues: readonly string[]): Promise<Map<string, number>> {
  const rows: Array<{ name: string; n: number }> = await knex(JOB_TABLE)
    .whereIn('name', queues)
    .whereIn('state', PENDING_JOB_STATES)
    .groupBy('name')
    .select('name', knex.raw('count(*)::int as n'));
  return new Map(rows.map((r) => [r.name, Number(r.n)]));
}

/** A select expression: the output (the real error) of the session's failed job for its failed stage. */
export function failedStageJobOutput(knex: Knex, alias: string): Knex.Raw {
  return knex.raw(
    `(select j.output from ${JOB_TABLE} j where j.singleton_key = s.id::text and j.name = s.failed_stage and j.state = 'failed'
      order by j.completed_on desc nulls last limit 1) as ??`,
    [alias],
  );
}

export type { QueueView };

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
