import type { Knex } from 'knex';

export async function beatWorker(
  knex: Knex,
  worker: { id: string; hostname: string; pid: number; queues: string[] },
): Promise<void> {
  await knex('worker_heartbeats')
    .insert({ worker_id: worker.id, hostname: worker.hostname, pid: worker.pid, queues: worker.queues, last_seen_at: knex.fn.now() })
    .onConflict('worker_id')
    .merge({ last_seen_at: knex.fn.now(), queues: worker.queues });
}

export async function removeWorker(knex: Knex, workerId: string): Promise<void> {
  await knex('worker_heartbeats').where({ worker_id: workerId }).delete();
}

export async function workersSeenSince(knex: Knex, seconds: number): Promise<number> {
  const [counted] = await knex('worker_heartbeats')
    .where('last_seen_at', '>', knex.raw(`now() - make_interval(secs => ?)`, [seconds]))
    .count<{ count: number }[]>({ count: '*' });
  return Number(counted?.count ?? 0);
}

/** Whether this worker's own heartbeat is newer than `seconds`. */
export async function workerSeenSince(knex: Knex, workerId: string, seconds: number): Promise<boolean> {
  const row = await knex('worker_heartbeats')
    .where({ worker_id: workerId })
    .andWhere('last_seen_at', '>', knex.raw('now() - make_interval(secs => ?)', [seconds]))
    .first('worker_id');
  return row !== undefined;
}
