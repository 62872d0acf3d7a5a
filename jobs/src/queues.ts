import type { QueueOptions } from 'pg-boss';

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
] as const;

export type PipelineQueue = (typeof PIPELINE_QUEUES)[number];

const STAGE_DEFAULTS: QueueOptions = {
  retryLimit: 4,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 300,
  heartbeatSeconds: 10,
  expireInSeconds: 30 * 60,
};

/** Stages that can run long get a longer ceiling; the heartbeat still catches a dead worker fast. */
const OVERRIDES: Partial<Record<PipelineQueue, QueueOptions>> = {
  ingest: { expireInSeconds: 2 * 60 * 60 },
  render: { expireInSeconds: 60 * 60, retryLimit: 2 },
  reply: { retryLimit: 2, retryDelay: 2 },
};

export function deadLetterQueueOf(stage: PipelineQueue): string {
  return `${stage}.failed`;
}

const DEAD_LETTER_OPTIONS: QueueOptions = { retryLimit: 10, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 };

/** Every queue with its options, dead-letter queues first so the stages can point at them. */
export function allQueues(): Array<{ name: string; options: QueueOptions }> {
  return [
    ...PIPELINE_QUEUES.map((stage) => ({ name: deadLetterQueueOf(stage), options: DEAD_LETTER_OPTIONS })),
    ...PIPELINE_QUEUES.map((stage) => ({
      name: stage,
      options: { ...STAGE_DEFAULTS, ...OVERRIDES[stage], deadLetter: deadLetterQueueOf(stage) },
    })),
  ];
}
