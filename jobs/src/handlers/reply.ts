import { answerQuestion } from '@ajimi/core/services/pipeline/answer-question';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { defineStageJob } from '../job-definition';

export const replyJob = (deps: PipelineDeps) =>
  defineStageJob('reply', (data, ctx) => answerQuestion(deps, data.messageId, ctx));
