import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { reembedPrinciple } from '@ajimi/core/services/pipeline/reembed-principle';
import { defineStageJob } from '../job-definition';

export const reembedJob = (deps: PipelineDeps) =>
  defineStageJob('reembed', (data, ctx) => reembedPrinciple(deps, data.principleId, ctx));
