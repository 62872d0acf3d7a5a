import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { prepareMedia } from '@ajimi/core/services/pipeline/prepare-media';
import { defineStageJob } from '../job-definition';

export const prepareMediaJob = (deps: PipelineDeps) =>
  defineStageJob('prepare-media', (data, ctx) => prepareMedia(deps, data.sessionId, ctx));
