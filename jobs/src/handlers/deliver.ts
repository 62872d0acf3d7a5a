import { z } from 'zod';
import { deliverCoachingVideo } from '@ajimi/core/services/pipeline/deliver-coaching-video';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { defineJob } from '../job-definition';

/** deliver: the approved coaching video to the cook's chat, once, with a push. */
export const deliverJob = (deps: PipelineDeps) =>
  defineJob({
    queue: 'deliver',
    schema: z.object({ reviewItemId: z.uuid(), sessionId: z.uuid(), renderId: z.uuid() }),
    handle: async (data, ctx) => {
      await deliverCoachingVideo(deps, data, ctx);
    },
  });
