import { z } from 'zod';
import { answerQuestion } from '@ajimi/core/services/pipeline/answer-question';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { defineJob } from '../job-definition';

export const replyJob = (deps: PipelineDeps) =>
  defineJob({ queue: 'reply', schema: z.object({ messageId: z.uuid() }), handle: (data, ctx) => answerQuestion(deps, data.messageId, ctx) });
