import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { retrieveForSession } from '@ajimi/core/services/pipeline/retrieve-for-session';
import { defineStageJob } from '../job-definition';

export const retrieveJob = (deps: PipelineDeps) =>
  defineStageJob('retrieve', (data, ctx) => retrieveForSession(deps, data.sessionId, ctx));
