import type { Knex } from 'knex';
import { findOwnRoom, insertLearnerMessage, type PostedMessage } from '../../data/chat-rooms';
import { isOwnSession, latestCoachedSessionId } from '../../data/cooking-sessions';
import { NotFoundError } from '../../errors';
import type { JobQueue } from '../../queue/job-queue';
import { DEFAULT_QUESTION_LIMITS, enforceQuestionLimits, type QuestionLimits } from './question-limits';

/**
 * A cook's message in their own room. Unless a coach has taken the thread over, or it is the Help
 * room (which reaches a human coach), a reply job is queued; the answer arrives as its own message.
 */
export async function postLearnerMessage(
  deps: { knex: Knex; queue: JobQueue; questionLimits?: QuestionLimits | undefined },
  input: { userId: string; roomId: string; body: string; sessionId?: string | undefined },
): Promise<PostedMessage & { awaiting: 'ai' | 'coach' }> {
  const room = await findOwnRoom(deps.knex, input.userId, input.roomId);
  if (!room) throw new NotFoundError('Room');
  let sessionId = input.sessionId ?? null;
  if (sessionId) {
    if (!(await isOwnSession(deps.knex, input.userId, sessionId))) throw new NotFoundError('Session');
  } else {
    // A question without a session is about the latest one that has coaching, if any.
    sessionId = (await latestCoachedSessionId(deps.knex, input.userId)) ?? null;
  }
  const aiReplies = !room.ai_paused && room.kind !== 'help';
  // Committed before the reply job is sent (never wait on another connection inside a transaction).
  const row = await deps.knex.transaction(async (trx) => {
    await enforceQuestionLimits(trx, input.userId, deps.questionLimits ?? DEFAULT_QUESTION_LIMITS, { aiReplies });
    return insertLearnerMessage(trx, { roomId: room.id, sessionId, userId: input.userId, body: input.body });
  });
  if (aiReplies) await deps.queue.send('reply', { messageId: row.id }, { singletonKey: row.id });
  return { ...row, awaiting: aiReplies ? 'ai' : 'coach' };
}
