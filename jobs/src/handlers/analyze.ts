import { z } from 'zod';
import { analyzeSession } from '@ajimi/core/services/pipeline/analyze-session';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { defineJob } from '../job-definition';

export const analyzeJob = (deps: PipelineDeps) =>
  defineJob({ queue: 'analyze', schema: z.object({ sessionId: z.uuid() }), handle: (data, ctx) => analyzeSession(deps, data.sessionId, ctx) });
