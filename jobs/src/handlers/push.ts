import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { defineStageJob } from '../job-definition';

/** Sends one notification to every browser of a user, in parallel, each with a short timeout. */
export const pushJob = (deps: PipelineDeps) =>
  defineStageJob('push', async (data, ctx) => {
    const sender = deps.webPush ?? deps.push;
    const result = await sender.notifyUser(data.userId, data.message);
    ctx.logger.info({ userId: data.userId, ...result }, 'push sent');
  });
