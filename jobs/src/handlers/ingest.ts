import { ingestVideo } from '@ajimi/core/services/pipeline/ingest-video';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { defineStageJob } from '../job-definition';

export const ingestJob = (deps: PipelineDeps) =>
  defineStageJob('ingest', (data, ctx) => ingestVideo(deps, data.sessionId, ctx));
