import { z } from 'zod';
import type { JobQueue } from '../../queue/job-queue';
import { LIVE_SIGNALS_DELAY_SEC } from '../pipeline/extract-live-signals';

const cookCamMetadata = z.object({ sessionId: z.uuid(), kind: z.literal('source_video') });

/**
 * After a chunk of an upload is stored: when it is Cook Cam's (a video whose length is not known
 * yet because it is still being filmed), a live-signals job will measure what has arrived. One
 * job waits at a time per session (the singleton key), started after a short delay, so a stream
 * of 2-second chunks makes one job every LIVE_SIGNALS_DELAY_SEC or so, not one per chunk.
 */
export async function queueLiveSignals(queue: JobQueue, upload: { id: string; size?: number | undefined; metadata?: Record<string, string | null> | undefined }): Promise<void> {
  if (upload.size !== undefined) return;
  const meta = cookCamMetadata.safeParse(upload.metadata ?? {});
  if (!meta.success) return;
  await queue.send('live-signals', { sessionId: meta.data.sessionId, uploadId: upload.id }, { singletonKey: `live:${meta.data.sessionId}`, startAfterSeconds: LIVE_SIGNALS_DELAY_SEC });
}
