import { draftNarration } from '@ajimi/core/services/pipeline/draft-narration';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { defineStageJob } from '../job-definition';

export const narrateJob = (deps: PipelineDeps) =>
  defineStageJob('narrate', (data, ctx) => draftNarration(deps, data.sessionId, ctx));
