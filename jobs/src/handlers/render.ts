import path from 'node:path';
import { z } from 'zod';
import { createTextToSpeech } from '@ajimi/core/providers/tts/create-text-to-speech';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { renderCoachingVideo } from '@ajimi/core/services/pipeline/render-coaching-video';
import { defineJob } from '../job-definition';

/**
 * render: the coaching video for a session's narration script (latest or a given version). Each
 * request is its own job (keyed by request), so a newer one starts and supersedes an older one.
 */
export const renderJob = (deps: PipelineDeps) => {
  const cache = path.join(deps.workDir, '..', 'cache');
  const renderDeps = { ...deps, tts: createTextToSpeech({ provider: 'espeak', cacheDir: path.join(cache, 'tts') }), renderCacheDir: path.join(cache, 'render') };
  return defineJob({
    queue: 'render',
    schema: z.object({ sessionId: z.uuid(), scriptVersion: z.number().int().min(1).optional() }),
    handle: async (data, ctx) => {
      await renderCoachingVideo(renderDeps, data, ctx);
    },
  });
};
