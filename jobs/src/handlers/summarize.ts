import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { summarizeSession } from '@ajimi/core/services/pipeline/summarize-session';
import { defineStageJob } from '../job-definition';

export const summarizeJob = (deps: PipelineDeps) =>
  defineStageJob('summarize', (data, ctx) => summarizeSession(deps, data.sessionId, ctx));
