import { z } from 'zod';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { prepareMedia } from '@ajimi/core/services/pipeline/prepare-media';
import { defineJob } from '../job-definition';

export const prepareMediaJob = (deps: PipelineDeps) =>
  defineJob({ queue: 'prepare-media', schema: z.object({ sessionId: z.uuid() }), handle: (data, ctx) => prepareMedia(deps, data.sessionId, ctx) });
