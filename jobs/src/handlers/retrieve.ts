import { z } from 'zod';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { retrieveForSession } from '@ajimi/core/services/pipeline/retrieve-for-session';
import { defineJob } from '../job-definition';

export const retrieveJob = (deps: PipelineDeps) =>
  defineJob({ queue: 'retrieve', schema: z.object({ sessionId: z.uuid() }), handle: (data, ctx) => retrieveForSession(deps, data.sessionId, ctx) });
