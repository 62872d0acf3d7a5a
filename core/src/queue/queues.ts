import type { Queue } from 'pg-boss';

export type QueueSpec = Omit<Queue, 'name'>;

/**
 * The pipeline's queues, created up front by every worker. Each stage retries with exponential
 * backoff and then lands in its own dead-letter queue ("<stage>.failed"), whose handler marks
 * the session failed at that stage (retryable from the console).
 *
 * heartbeatSeconds: pg-boss refreshes a running job's heartbeat; when a worker dies the
 * heartbeat goes stale and the monitor hands the job to another worker within seconds.
 */

export const PIPELINE_QUEUES = [
  'ingest',
  'prepare-media', // proxy, poster, sprite: beside the pipeline, not in the way of the coaching text
  'transcribe',
  'analyze',
  'retrieve',
  'coach-text',
  'narrate',
  'render',
  'deliver',
  'reply',
  'summarize',
  'reembed',
  'push', // web push notifications, sent apart from the stage that produced the message
] as const;

export type PipelineQueue = (typeof PIPELINE_QUEUES)[number];

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

/** Stages that can run long get a longer ceiling; the heartbeat still catches a dead worker fast. */
const OVERRIDES: Partial<Record<PipelineQueue, QueueSpec>> = {
  ingest: { expireInSeconds: 2 * 60 * 60 },
  'prepare-media': { expireInSeconds: 2 * 60 * 60 },
  render: { expireInSeconds: 30 * 60, retryLimit: 2 },
  reply: { retryLimit: 2, retryDelay: 2 },
  // Each push service gets a short timeout inside the job; a retry covers a transient failure.
  push: { retryLimit: 2, retryDelay: 10, expireInSeconds: 60, heartbeatSeconds: 10 },
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
      options: { ...STAGE_DEFAULTS, ...OVERRIDES[stage], deadLetter: deadLetterQueueOf(stage) },
    })),
  ];
}
