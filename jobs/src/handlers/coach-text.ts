import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { sendCoachingText } from '@ajimi/core/services/pipeline/send-coaching-text';
import { defineStageJob } from '../job-definition';

export const coachTextJob = (deps: PipelineDeps) =>
  defineStageJob('coach-text', (data, ctx) => sendCoachingText(deps, data.sessionId, ctx));
