import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { extractLiveSignals } from '@ajimi/core/services/pipeline/extract-live-signals';
import { defineStageJob } from '../job-definition';

export const liveSignalsJob = (deps: PipelineDeps) =>
  defineStageJob('live-signals', (data, ctx) => extractLiveSignals(deps, data, ctx));
