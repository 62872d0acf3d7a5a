import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { transcribeMemo } from '@ajimi/core/services/pipeline/transcribe-memo';
import { defineStageJob } from '../job-definition';

export const transcribeJob = (deps: PipelineDeps) =>
  defineStageJob('transcribe', (data, ctx) => transcribeMemo(deps, data.sessionId, ctx));
