import { z } from 'zod';
import { ingestVideo } from '@ajimi/core/services/pipeline/ingest-video';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { defineJob } from '../job-definition';

export const ingestJob = (deps: PipelineDeps) =>
  defineJob({ queue: 'ingest', schema: z.object({ sessionId: z.uuid() }), handle: (data, ctx) => ingestVideo(deps, data.sessionId, ctx) });
