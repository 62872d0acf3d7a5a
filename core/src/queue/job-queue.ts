import type { PgBoss } from 'pg-boss';

/** What the API and the stages need of the queue: send a job keyed by what it is about. */
export interface JobQueue {
  send(queue: string, data: object, options: { singletonKey: string; startAfterSeconds?: number }): Promise<string | null>;
}

export function bossQueue(boss: PgBoss): JobQueue {
  return {
    send: (queue, data, options) =>
      boss.send(queue, data, {
        singletonKey: options.singletonKey,
        ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
      }),
  };
}
