import { randomUUID } from 'node:crypto';
import type { JobQueue } from '../../queue/job-queue';
import type { PushMessage, PushSender } from './web-push-sender';

export const PUSH_QUEUE = 'push';

/**
 * Hands every notification to the push queue, so a cook's slow or dead push services never hold up
 * the stage (or the request) that produced the message; the push worker sends them in parallel.
 */
export function createQueuedPushSender(queue: JobQueue): PushSender {
  return {
    async notifyUser(userId: string, message: PushMessage) {
      // The tag (e.g. reply:<id>) keeps a retried stage from queueing the same notification twice.
      const key = message.tag ? `${userId}:${message.tag}` : `${userId}:${randomUUID()}`;
      return { queued: await queue.send(PUSH_QUEUE, { userId, message }, { singletonKey: key }) };
    },
  };
}
