import { z } from 'zod';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { summarizeSession } from '@ajimi/core/services/pipeline/summarize-session';
import { defineJob } from '../job-definition';

export const summarizeJob = (deps: PipelineDeps) =>
  defineJob({ queue: 'summarize', schema: z.object({ sessionId: z.uuid() }), handle: (data, ctx) => summarizeSession(deps, data.sessionId, ctx) });
