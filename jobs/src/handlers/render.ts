import { renderCoachingVideo, type RenderDeps } from '@ajimi/core/services/pipeline/render-coaching-video';
import { defineStageJob } from '../job-definition';

/**
 * render: the coaching video for a session's narration script (latest or a given version). Each
 * request is its own job (keyed by request), so a newer one starts and supersedes an older one.
 * The TTS is the configured one (core/src/wiring.ts), the same the console's previews use.
 */
export const renderJob = (deps: RenderDeps) => defineStageJob('render', (data, ctx) => renderCoachingVideo(deps, data, ctx));
