import { z } from 'zod';
import type { PipelineDeps } from '@ajimi/core/services/pipeline/pipeline-deps';
import { PUSH_QUEUE } from '@ajimi/core/providers/push/queued-push-sender';
import { defineJob } from '../job-definition';

const pushPayload = z.object({
  userId: z.uuid(),
  message: z.object({ title: z.string().max(200), body: z.string().max(1000), url: z.string().max(2000), tag: z.string().max(200).optional() }).strict(),
});

/** Sends one notification to every browser of a user, in parallel, each with a short timeout. */
export const pushJob = (deps: PipelineDeps) =>
  defineJob({
    queue: PUSH_QUEUE,
    schema: pushPayload,
    async handle(data, ctx) {
      const sender = deps.webPush ?? deps.push;
      const result = await sender.notifyUser(data.userId, data.message);
      ctx.logger.info({ userId: data.userId, ...result }, 'push sent');
    },
  });
