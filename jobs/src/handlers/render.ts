import { z } from 'zod';
import { renderCoachingVideo, type RenderDeps } from '@ajimi/core/services/pipeline/render-coaching-video';
import { defineJob } from '../job-definition';

/**
 * render: the coaching video for a session's narration script (latest or a given version). Each
 * request is its own job (keyed by request), so a newer one starts and supersedes an older one.
 * The TTS is the configured one (core/src/wiring.ts), the same the console's previews use.
 */
export const renderJob = (deps: RenderDeps) =>
  defineJob({
    queue: 'render',
    schema: z.object({ sessionId: z.uuid(), scriptVersion: z.number().int().min(1).optional() }),
    handle: async (data, ctx) => {
      await renderCoachingVideo(deps, data, ctx);
    },
  });
