import { describe, expect, it } from 'vitest';
import { DONE_COLUMN_OF_STAGE, SESSION_STATUSES, STAGE_OF_STATUS, STATUS_OF_STAGE } from '../domain/session-status';
import { allQueues, deadLetterQueueOf, PIPELINE_QUEUES } from '../queue/queues';
import { isStageName, STAGES, STAGE_NAMES } from './definition';

describe('the pipeline definition', () => {
  it('sends only to stages it defines, and every status it names is a session status', () => {
    for (const name of STAGE_NAMES) {
      const def = STAGES[name] as { sendsTo: readonly string[]; status: string | null; queuedStatus?: string };
      for (const next of def.sendsTo) expect(isStageName(next), `${name} → ${next}`).toBe(true);
      if (def.status) expect(SESSION_STATUSES).toContain(def.status);
      if (def.queuedStatus) expect(SESSION_STATUSES).toContain(def.queuedStatus);
    }
  });

  it('derives the status machine: which stage works on each in-flight status, and back', () => {
    expect(STAGE_OF_STATUS).toEqual({
      uploaded: 'ingest',
      ingesting: 'ingest',
      transcribing: 'transcribe',
      analyzing: 'analyze',
      retrieving: 'retrieve',
      coaching: 'coach-text',
      narrating: 'narrate',
      rendering: 'render',
    });
    expect(STATUS_OF_STAGE).toEqual({
      ingest: 'ingesting',
      transcribe: 'transcribing',
      analyze: 'analyzing',
      retrieve: 'retrieving',
      'coach-text': 'coaching',
      narrate: 'narrating',
      render: 'rendering',
    });
    expect(DONE_COLUMN_OF_STAGE).toEqual({
      ingest: 'ingested_at',
      transcribe: 'transcribed_at',
      analyze: 'analyzed_at',
      retrieve: 'retrieved_at',
      'coach-text': 'coach_text_sent_at',
      narrate: 'narrated_at',
      render: 'rendered_at',
    });
  });

  it('derives the queues: one per stage with its dead-letter queue and its own overrides', () => {
    expect([...PIPELINE_QUEUES]).toEqual(STAGE_NAMES);
    const byName = new Map(allQueues().map((q) => [q.name, q.options]));
    for (const stage of STAGE_NAMES) {
      expect(byName.get(stage)?.deadLetter).toBe(deadLetterQueueOf(stage));
      expect(byName.has(deadLetterQueueOf(stage))).toBe(true);
    }
    expect(byName.get('render')).toMatchObject({ retryLimit: 2, expireInSeconds: 1800, policy: 'exclusive' });
    expect(byName.get('reply')).toMatchObject({ retryLimit: 2, retryDelay: 2 });
    expect(byName.get('ingest')).toMatchObject({ retryLimit: 4, expireInSeconds: 7200 });
  });

  it('parses each stage payload with its own schema', () => {
    const id = '6f1c2a8e-3b5d-4c7e-9f10-2a3b4c5d6e7f';
    expect(STAGES.render.payload.parse({ sessionId: id, scriptVersion: 2 })).toEqual({ sessionId: id, scriptVersion: 2 });
    expect(STAGES.reply.payload.safeParse({ sessionId: id }).success).toBe(false);
    expect(STAGES.deliver.payload.safeParse({ reviewItemId: id, sessionId: id, renderId: id }).success).toBe(true);
    // The delivery's notification names its message (the service worker's fallback); anything else is refused.
    const message = { title: 't', body: 'b', url: '/#/rooms/x', tag: 'deliver:x', roomId: id, messageId: id };
    expect(STAGES.push.payload.safeParse({ userId: id, message }).success).toBe(true);
    expect(STAGES.push.payload.safeParse({ userId: id, message: { ...message, icon: 'x' } }).success).toBe(false);
  });
});
