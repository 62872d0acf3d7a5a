import { z } from 'zod';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { transcribeMemo } from '@ajimi/core/services/pipeline/transcribe-memo';
import { defineJob } from '../job-definition';

export const transcribeJob = (deps: PipelineDeps) =>
  defineJob({ queue: 'transcribe', schema: z.object({ sessionId: z.uuid() }), handle: (data, ctx) => transcribeMemo(deps, data.sessionId, ctx) });
