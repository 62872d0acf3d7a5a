import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JobQueue } from '../../queue/job-queue';
import { LIVE_SIGNALS_DELAY_SEC } from '../pipeline/extract-live-signals';
import { queueLiveSignals } from './queue-live-signals';

function recordingQueue(): { queue: JobQueue; sent: unknown[][] } {
  const sent: unknown[][] = [];
  return { sent, queue: { send: async (...args) => (sent.push(args), 'job-id') } };
}

describe('queueLiveSignals', () => {
  const sessionId = randomUUID();

  it('queues one delayed job per session for a video still being filmed (length deferred)', async () => {
    const { queue, sent } = recordingQueue();
    await queueLiveSignals(queue, { id: 'u_1', metadata: { sessionId, kind: 'source_video', filename: 'cookcam.webm' } });
    expect(sent).toEqual([['live-signals', { sessionId, uploadId: 'u_1' }, { singletonKey: `live:${sessionId}`, startAfterSeconds: LIVE_SIGNALS_DELAY_SEC }]]);
  });

  it('leaves ordinary uploads (length known), voice memos and unreadable metadata alone', async () => {
    const { queue, sent } = recordingQueue();
    await queueLiveSignals(queue, { id: 'u_2', size: 1000, metadata: { sessionId, kind: 'source_video' } });
    await queueLiveSignals(queue, { id: 'u_3', metadata: { sessionId, kind: 'voice_memo' } });
    await queueLiveSignals(queue, { id: 'u_4', metadata: { sessionId: 'not-a-uuid', kind: 'source_video' } });
    await queueLiveSignals(queue, { id: 'u_5' });
    expect(sent).toEqual([]);
  });
});
