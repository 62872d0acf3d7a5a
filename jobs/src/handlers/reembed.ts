import { z } from 'zod';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { reembedPrinciple } from '@ajimi/core/services/pipeline/reembed-principle';
import { defineJob } from '../job-definition';

export const reembedJob = (deps: PipelineDeps) =>
  defineJob({ queue: 'reembed', schema: z.object({ principleId: z.uuid() }), handle: (data, ctx) => reembedPrinciple(deps, data.principleId, ctx) });
