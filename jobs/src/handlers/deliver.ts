import { deliverCoachingVideo } from '@ajimi/core/services/pipeline/deliver-coaching-video';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { defineStageJob } from '../job-definition';

/** deliver: the approved coaching video to the cook's chat, once, with a push. */
export const deliverJob = (deps: PipelineDeps) => defineStageJob('deliver', (data, ctx) => deliverCoachingVideo(deps, data, ctx));
