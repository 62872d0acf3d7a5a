import { z } from 'zod';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { sendCoachingText } from '@ajimi/core/services/pipeline/send-coaching-text';
import { defineJob } from '../job-definition';

export const coachTextJob = (deps: PipelineDeps) =>
  defineJob({ queue: 'coach-text', schema: z.object({ sessionId: z.uuid() }), handle: (data, ctx) => sendCoachingText(deps, data.sessionId, ctx) });
