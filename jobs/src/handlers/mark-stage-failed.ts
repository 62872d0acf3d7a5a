import { z } from 'zod';
import { failSessionWaitingOn } from '@ajimi/core/data/cooking-sessions';
import { STATUS_OF_STAGE, type SessionStatus } from '@ajimi/core/domain/session-status';
import { STAGES } from '@ajimi/core/pipeline/definition';
import { PIPELINE_QUEUES, deadLetterQueueOf, type PipelineQueue } from '@ajimi/core/queue/queues';
import { defineJob, type JobDefinition } from '../job-definition';

// The dead-lettered job carries the stage's original payload; pipeline payloads name their session.
const payload = z.object({ sessionId: z.uuid().optional() }).loose();

function markStageFailed(stage: PipelineQueue): JobDefinition {
  return defineJob({
    queue: deadLetterQueueOf(stage),
    schema: payload,
    async handle(data, { knex, logger, failureReason }) {
      if (!data.sessionId) {
        logger.error({ stage, data }, 'job failed after its last retry');
        return;
      }
      // Only a session waiting on this very stage is marked failed: a later successful retry must not
      // be undone, and a side stage (render, prepare-media, summarize, reply, deliver) running out of
      // retries must not fail a session whose coaching text is already out. Those keep their own
      // failed rows (renders) or are re-sent by the sweeper (deliver).
      const waitingOn = STATUS_OF_STAGE[stage];
      if (!waitingOn) {
        logger.error({ stage, sessionId: data.sessionId }, 'side stage failed after its last retry; the session keeps its status');
        return;
      }
      const queued = (STAGES[stage] as { queuedStatus?: SessionStatus }).queuedStatus;
      const updated = await failSessionWaitingOn(knex, data.sessionId, stage, queued ? [queued, waitingOn] : [waitingOn], failureReason);
      logger.error({ stage, sessionId: data.sessionId, updated }, 'session failed at stage');
    },
  });
}

export const stageFailedJobs: JobDefinition[] = PIPELINE_QUEUES.map(markStageFailed);
