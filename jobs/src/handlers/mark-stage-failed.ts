import { z } from 'zod';
import { PIPELINE_QUEUES, deadLetterQueueOf, type PipelineQueue } from '@ajimi/core/queue/queues';
import { defineJob, type JobDefinition } from '../job-definition';

// The dead-lettered job carries the stage's original payload; pipeline payloads name their session.
const payload = z.object({ sessionId: z.uuid().optional() }).loose();

function markStageFailed(stage: PipelineQueue): JobDefinition {
  return defineJob({
    queue: deadLetterQueueOf(stage),
    schema: payload,
    async handle(data, { knex, logger }) {
      if (!data.sessionId) {
        logger.error({ stage, data }, 'job failed after its last retry');
        return;
      }
      // Only a session still in flight is marked: a later successful retry must not be undone.
      const updated = await knex('cooking_sessions')
        .where({ id: data.sessionId })
        .whereNotIn('status', ['delivered', 'failed'])
        .update({
          status: 'failed',
          failed_stage: stage,
          failure_reason: `The ${stage} stage failed after its last retry.`,
          failed_at: knex.fn.now(),
          updated_at: knex.fn.now(),
        });
      logger.error({ stage, sessionId: data.sessionId, updated }, 'session failed at stage');
    },
  });
}

export const stageFailedJobs: JobDefinition[] = PIPELINE_QUEUES.map(markStageFailed);
