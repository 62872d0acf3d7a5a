import type { z } from 'zod';
import type { Knex } from 'knex';
import type { Logger } from '@ajimi/core/logger';
import { STAGES, type SendToStage, type StageName } from '@ajimi/core/pipeline/definition';
import type { QueueSpec } from '@ajimi/core/queue/queues';

export interface JobContext {
  knex: Knex;
  logger: Logger;
  jobId: string;
  retryCount: number;
  /** Aborted when the worker shuts down or loses the job's claim: stop work and throw. */
  signal: AbortSignal;
  /** In a dead-letter handler: why the stage's last attempt failed (its error message). */
  failureReason?: string;
  /** Enqueues the next stage. A singleton key (usually the session id) keeps a retried stage from queueing twice. */
  send: SendToStage;
}

/** One queue's handler: its payload schema (validated before the handler runs) and the work. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  queue: string;
  schema: S;
  /** Only for queues outside the pipeline's own list (see core/src/pipeline/definition.ts). */
  queueOptions?: QueueSpec;
  handle(data: z.infer<S>, ctx: JobContext): Promise<void>;
}

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/** A pipeline stage's handler: queue name and payload schema come from the pipeline definition. */
export function defineStageJob<N extends StageName>(
  stage: N,
  handle: (data: z.infer<(typeof STAGES)[N]['payload']>, ctx: JobContext) => Promise<unknown>,
): JobDefinition {
  type Payload = z.infer<(typeof STAGES)[N]['payload']>;
  return { queue: stage, schema: STAGES[stage].payload, handle: async (data, ctx) => void (await handle(data as Payload, ctx)) };
}
