import { z } from 'zod';
import { draftNarration } from '@ajimi/core/services/pipeline/draft-narration';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { defineJob } from '../job-definition';

export const narrateJob = (deps: PipelineDeps) =>
  defineJob({ queue: 'narrate', schema: z.object({ sessionId: z.uuid() }), handle: (data, ctx) => draftNarration(deps, data.sessionId, ctx) });
