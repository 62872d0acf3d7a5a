import { PgBoss } from 'pg-boss';
import { allQueues, type QueueSpec } from './queues';

/**
 * pg-boss against DATABASE_URL. Short supervise/monitor intervals are what bring a job back
 * quickly after its worker dies. No LISTEN/NOTIFY: the embedded database does not support it.
 */
export function createBoss(databaseUrl: string, options: { max?: number; supervise?: boolean } = {}): PgBoss {
  return new PgBoss({
    connectionString: databaseUrl,
    schema: 'pgboss',
    max: options.max ?? 4,
    supervise: options.supervise ?? true,
    superviseIntervalSeconds: 2,
    monitorIntervalSeconds: 2,
    maintenanceIntervalSeconds: 60,
    useListenNotify: false,
    instanceName: options.supervise === false ? 'api' : 'worker',
  });
}

/** Creates (or updates) every pipeline queue plus any extra ones; safe to run from every worker. */
export async function createQueues(
  boss: PgBoss,
  extra: Array<{ name: string; options: QueueSpec }> = [],
): Promise<string[]> {
  const queues = [...allQueues(), ...extra];
  for (const { name, options } of queues) {
    if (await boss.getQueue(name)) {
      const { policy: _policy, deadLetter: _deadLetter, heartbeatSeconds: _hb, retryDelayMax: _max, ...updatable } = options;
      await boss.updateQueue(name, updatable);
    } else await boss.createQueue(name, options);
  }
  return queues.map((q) => q.name);
}
