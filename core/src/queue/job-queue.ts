import type { PgBoss } from 'pg-boss';
import type { SendToStage } from '../pipeline/definition';

/** What the API and the stages need of the queue: send a job, typed by its stage, keyed by what it is about. */
export interface JobQueue {
  send: SendToStage;
}

export function bossQueue(boss: PgBoss): JobQueue {
  return {
    send: (stage, data, options) =>
      boss.send(stage, data, {
        singletonKey: options.singletonKey,
        ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
      }),
  };
}
