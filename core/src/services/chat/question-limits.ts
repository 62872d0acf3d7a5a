import type { Knex } from 'knex';
import { questionsAwaitingReply, recentQuestionCounts } from '../../data/chat-rooms';
import { lockUser } from '../../data/users';
import { AppError } from '../../errors';

/** How much one cook may ask: each question is an AI call (a Gemini request in production). */
export interface QuestionLimits {
  perMinute: number;
  perDay: number;
  /** Questions whose AI reply has not been written yet. */
  repliesWaiting: number;
}

export const DEFAULT_QUESTION_LIMITS: QuestionLimits = { perMinute: 6, perDay: 100, repliesWaiting: 3 };

export class QuestionLimitError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'too_many_questions', message, { retryAfterSeconds });
  }
}

/**
 * Checks the cook's limits inside the transaction that will store the question. The cook's user
 * row is locked first, so questions sent at once are counted one after another, never all as the first.
 */
export async function enforceQuestionLimits(trx: Knex.Transaction, userId: string, limits: QuestionLimits, options: { aiReplies: boolean }): Promise<void> {
  await lockUser(trx, userId);
  const counts = await recentQuestionCounts(trx, userId);
  const now = Date.now() / 1000;
  if (counts.minute >= limits.perMinute) {
    const wait = Math.max(1, Math.ceil((counts.oldestMinute ?? now) + 60 - now));
    throw new QuestionLimitError(
      `質問が続いています。${wait}秒ほど待ってからもう一度送ってください（1分に${limits.perMinute}件まで）。 / You are asking quickly: wait about ${wait} s and send again (up to ${limits.perMinute} a minute).`,
      wait,
    );
  }
  if (counts.day >= limits.perDay) {
    const wait = Math.max(60, Math.ceil((counts.oldestDay ?? now) + 86_400 - now));
    throw new QuestionLimitError(
      `今日の質問は上限（${limits.perDay}件）に達しました。明日また質問するか、ヘルプでコーチに相談してください。 / You reached today's limit of ${limits.perDay} questions. Ask again tomorrow, or write to a coach in Help.`,
      wait,
    );
  }
  if (!options.aiReplies) return;
  const waiting = await questionsAwaitingReply(trx, userId);
  if (waiting >= limits.repliesWaiting) {
    throw new QuestionLimitError(
      `まだ${waiting}件の質問に返信を書いています。返信が届いてから次の質問を送ってください。 / ${waiting} of your questions are still being answered: send the next one once a reply arrives.`,
      10,
    );
  }
}
