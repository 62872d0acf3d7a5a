import { STAGES, STAGE_NAMES, type QueueSpec, type StageName } from '../pipeline/definition';

export type { QueueSpec };

/**
 * The pipeline's queues, created up front by every worker. Each stage retries with exponential
 * backoff and then lands in its own dead-letter queue ("<stage>.failed"), whose handler marks
 * the session failed at that stage (retryable from the console).
 *
 * heartbeatSeconds: pg-boss refreshes a running job's heartbeat; when a worker dies the
 * heartbeat goes stale and the monitor hands the job to another worker within seconds.
 */

/** Every stage's queue, in pipeline order (core/src/pipeline/definition.ts). */
export const PIPELINE_QUEUES: readonly StageName[] = STAGE_NAMES;

export type PipelineQueue = StageName;

// 'exclusive': at most one job per singleton key (the session, message or principle it is about)
// waiting or running in a queue, so a stage re-sent by a retry or by the sweeper never runs twice.
const STAGE_DEFAULTS: QueueSpec = {
  policy: 'exclusive',
  retryLimit: 4,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 300,
  heartbeatSeconds: 10,
  expireInSeconds: 30 * 60,
};

export function deadLetterQueueOf(stage: PipelineQueue): string {
  return `${stage}.failed`;
}

const DEAD_LETTER_OPTIONS: QueueSpec = { retryLimit: 10, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 };

/** Every queue with its options, dead-letter queues first so the stages can point at them. */
export function allQueues(): Array<{ name: string; options: QueueSpec }> {
  return [
    ...PIPELINE_QUEUES.map((stage) => ({ name: deadLetterQueueOf(stage), options: DEAD_LETTER_OPTIONS })),
    ...PIPELINE_QUEUES.map((stage) => ({
      name: stage,
      options: { ...STAGE_DEFAULTS, ...(STAGES[stage] as { queue?: QueueSpec }).queue, deadLetter: deadLetterQueueOf(stage) },
    })),
  ];
}
