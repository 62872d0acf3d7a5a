import type { Knex } from 'knex';
import { NotFoundError } from '../../errors';
import type { JobQueue } from '../../queue/job-queue';
import { DEFAULT_QUESTION_LIMITS, enforceQuestionLimits, type QuestionLimits } from './question-limits';

export interface PostedMessage {
  id: string;
  roomId: string;
  kind: string;
  author: string;
  body: string;
  payload: Record<string, unknown>;
  sessionId: string | null;
  createdAt: string;
}

export function toPostedMessage(row: Record<string, unknown>): PostedMessage {
  return {
    id: row.id as string,
    roomId: row.room_id as string,
    kind: row.kind as string,
    author: row.author_kind as string,
    body: row.body as string,
    payload: (row.payload as Record<string, unknown>) ?? {},
    sessionId: (row.session_id as string | null) ?? null,
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}

/**
 * A cook's message in their own room. Unless a coach has taken the thread over, or it is the Help
 * room (which reaches a human coach), a reply job is queued; the answer arrives as its own message.
 */
export async function postLearnerMessage(
  deps: { knex: Knex; queue: JobQueue; questionLimits?: QuestionLimits | undefined },
  input: { userId: string; roomId: string; body: string; sessionId?: string | undefined },
): Promise<PostedMessage & { awaiting: 'ai' | 'coach' }> {
  const room = await deps.knex('chat_rooms').where({ id: input.roomId, user_id: input.userId }).first();
  if (!room) throw new NotFoundError('Room');
  let sessionId = input.sessionId ?? null;
  if (sessionId) {
    const own = await deps.knex('cooking_sessions').where({ id: sessionId, user_id: input.userId }).first('id');
    if (!own) throw new NotFoundError('Session');
  } else {
    // A question without a session is about the latest one that has coaching, if any.
    const latest = await deps.knex('cooking_sessions').where({ user_id: input.userId }).whereNotNull('coach_text_sent_at').orderBy('created_at', 'desc').first('id');
    sessionId = latest?.id ?? null;
  }
  const aiReplies = !room.ai_paused && room.kind !== 'help';
  // Committed before the reply job is sent (never wait on another connection inside a transaction).
  const row = await deps.knex.transaction(async (trx) => {
    await enforceQuestionLimits(trx, input.userId, deps.questionLimits ?? DEFAULT_QUESTION_LIMITS, { aiReplies });
    const [inserted] = await trx('chat_messages')
      .insert({ room_id: room.id, session_id: sessionId, kind: 'text', author_kind: 'learner', author_user_id: input.userId, body: input.body })
      .returning('*');
    return inserted;
  });
  if (aiReplies) await deps.queue.send('reply', { messageId: row.id }, { singletonKey: row.id });
  return { ...toPostedMessage(row), awaiting: aiReplies ? 'ai' : 'coach' };
}

/** Posts a message from the system side exactly once: the idempotency key makes a retried stage a no-op. */
export async function postOnce(
  db: Knex | Knex.Transaction,
  input: {
    userId: string;
    roomKind: 'my_coaching' | 'cooking_videos' | 'help';
    kind: 'text' | 'coaching_text' | 'video' | 'system';
    author: 'ai' | 'coach';
    authorUserId?: string | null;
    sessionId: string | null;
    body: string;
    payload?: Record<string, unknown>;
    idempotencyKey: string;
  },
): Promise<{ message: PostedMessage; created: boolean }> {
  await db('chat_rooms').insert({ user_id: input.userId, kind: input.roomKind }).onConflict(['user_id', 'kind']).ignore();
  const room = await db('chat_rooms').where({ user_id: input.userId, kind: input.roomKind }).first('id');
  const [inserted] = await db('chat_messages')
    .insert({
      room_id: room.id,
      session_id: input.sessionId,
      kind: input.kind,
      author_kind: input.author,
      author_user_id: input.authorUserId ?? null,
      body: input.body,
      payload: JSON.stringify(input.payload ?? {}),
      idempotency_key: input.idempotencyKey,
    })
    .onConflict('idempotency_key')
    .ignore()
    .returning('*');
  if (inserted) return { message: toPostedMessage(inserted), created: true };
  const existing = await db('chat_messages').where({ idempotency_key: input.idempotencyKey }).first();
  return { message: toPostedMessage(existing), created: false };
}
