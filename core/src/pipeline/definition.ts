/**
 * The pipeline in one place: every stage's queue name, its payload (zod), the session status it
 * sets while it works, the column stamped when it finishes, the stages it sends to and its queue
 * options. Job handlers (jobs/src/handlers), queue creation (core/src/queue/queues.ts) and the
 * session status machine (core/src/domain/session-status.ts) are all derived from this table.
 *
 *   upload ─► ingest ─► transcribe? ─► analyze ─► retrieve ─► coach-text ─► narrate ─► render ─► review
 *                └─► prepare-media                               └─► summarize
 *   approve ─► deliver        a cook's question ─► reply        principle changed ─► reembed
 *   any stage with news for a cook ─► push
 */
import type { Queue } from 'pg-boss';
import { z } from 'zod';
import type { SessionStatus } from '../domain/session-status';

export type QueueSpec = Omit<Queue, 'name'>;

const session = z.object({ sessionId: z.uuid() });

export interface StageDefinition {
  payload: z.ZodObject;
  /** The session's status while this stage works on it; null for side stages that leave it alone. */
  status: SessionStatus | null;
  /** A status in which the session waits for this stage before it starts (besides `status`). */
  queuedStatus?: SessionStatus;
  /** cooking_sessions column stamped when the stage finishes. */
  doneColumn: string | null;
  /** The stages this one may send a job to. */
  sendsTo: readonly string[]; // every entry a stage name: checked in definition.test.ts
  /** Overrides of the default queue options (see core/src/queue/queues.ts). */
  queue?: QueueSpec;
}

export const STAGES = {
  ingest: {
    payload: session,
    status: 'ingesting',
    queuedStatus: 'uploaded',
    doneColumn: 'ingested_at',
    sendsTo: ['prepare-media', 'transcribe', 'analyze'],
    queue: { expireInSeconds: 2 * 60 * 60 },
  },
  // Cook Cam: signals of the part already uploaded while the cook still films (ingest then measures only the tail).
  'live-signals': {
    payload: z.object({ sessionId: z.uuid(), uploadId: z.string().min(1).max(200) }),
    status: null,
    doneColumn: null,
    sendsTo: [],
    queue: { expireInSeconds: 10 * 60 },
  },
  // Proxy, poster, sprite: beside the pipeline, not in the way of the coaching text.
  'prepare-media': { payload: session, status: null, doneColumn: null, sendsTo: [], queue: { expireInSeconds: 2 * 60 * 60 } },
  transcribe: { payload: session, status: 'transcribing', doneColumn: 'transcribed_at', sendsTo: ['analyze'] },
  analyze: { payload: session, status: 'analyzing', doneColumn: 'analyzed_at', sendsTo: ['retrieve'] },
  retrieve: { payload: session, status: 'retrieving', doneColumn: 'retrieved_at', sendsTo: ['coach-text'] },
  'coach-text': { payload: session, status: 'coaching', doneColumn: 'coach_text_sent_at', sendsTo: ['narrate', 'summarize'] },
  narrate: { payload: session, status: 'narrating', doneColumn: 'narrated_at', sendsTo: ['render'] },
  render: {
    payload: z.object({ sessionId: z.uuid(), scriptVersion: z.number().int().min(1).optional() }),
    status: 'rendering',
    doneColumn: 'rendered_at',
    sendsTo: [],
    queue: { expireInSeconds: 30 * 60, retryLimit: 2 },
  },
  deliver: { payload: z.object({ reviewItemId: z.uuid(), sessionId: z.uuid(), renderId: z.uuid() }), status: null, doneColumn: null, sendsTo: [] },
  reply: { payload: z.object({ messageId: z.uuid() }), status: null, doneColumn: null, sendsTo: [], queue: { retryLimit: 2, retryDelay: 2 } },
  summarize: { payload: session, status: null, doneColumn: null, sendsTo: [] },
  reembed: { payload: z.object({ principleId: z.uuid() }), status: null, doneColumn: null, sendsTo: [] },
  // Web push notifications, sent apart from the stage that produced the message; each push service
  // gets a short timeout inside the job and a retry covers a transient failure.
  push: {
    payload: z.object({
      userId: z.uuid(),
      message: z
        .object({
          title: z.string().max(200),
          body: z.string().max(1000),
          url: z.string().max(2000),
          tag: z.string().max(200).optional(),
          roomId: z.uuid().optional(),
          messageId: z.uuid().optional(),
        })
        .strict(),
    }),
    status: null,
    doneColumn: null,
    sendsTo: [],
    queue: { retryLimit: 2, retryDelay: 10, expireInSeconds: 60, heartbeatSeconds: 10 },
  },
} as const satisfies Record<string, StageDefinition>;

export type StageName = keyof typeof STAGES;
export type StagePayload<S extends StageName> = z.infer<(typeof STAGES)[S]['payload']>;
export const STAGE_NAMES = Object.keys(STAGES) as StageName[];

export function isStageName(name: string): name is StageName {
  return Object.hasOwn(STAGES, name);
}

/** Options of a job send: the singleton key (usually the session id) keeps a retried stage from queueing twice. */
export interface SendOptions {
  singletonKey: string;
  startAfterSeconds?: number;
}

/** Sends a job to a stage, its payload typed by the stage. Resolves to the job id, or null when one was already waiting. */
export type SendToStage = <S extends StageName>(stage: S, data: StagePayload<S>, options: SendOptions) => Promise<string | null>;
