import { analyzeSession } from '@ajimi/core/services/pipeline/analyze-session';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { defineStageJob } from '../job-definition';

export const analyzeJob = (deps: PipelineDeps) =>
  defineStageJob('analyze', (data, ctx) => analyzeSession(deps, data.sessionId, ctx));
