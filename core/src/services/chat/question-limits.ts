import type { Knex } from 'knex';
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
  await trx('users').where({ id: userId }).forUpdate().first('id');
  const rooms = trx('chat_rooms').where({ user_id: userId }).select('id');
  const counts = await trx('chat_messages')
    .whereIn('room_id', rooms)
    .where({ author_kind: 'learner' })
    .where('created_at', '>', trx.raw(`now() - interval '1 day'`))
    .first(
      trx.raw(`count(*) filter (where created_at > now() - interval '1 minute')::int as minute`),
      trx.raw('count(*)::int as day'),
      trx.raw(`extract(epoch from min(created_at) filter (where created_at > now() - interval '1 minute'))::float as oldest_minute`),
      trx.raw('extract(epoch from min(created_at))::float as oldest_day'),
    );
  const now = Date.now() / 1000;
  if (counts.minute >= limits.perMinute) {
    const wait = Math.max(1, Math.ceil(counts.oldest_minute + 60 - now));
    throw new QuestionLimitError(
      `質問が続いています。${wait}秒ほど待ってからもう一度送ってください（1分に${limits.perMinute}件まで）。 / You are asking quickly: wait about ${wait} s and send again (up to ${limits.perMinute} a minute).`,
      wait,
    );
  }
  if (counts.day >= limits.perDay) {
    const wait = Math.max(60, Math.ceil(counts.oldest_day + 86_400 - now));
    throw new QuestionLimitError(
      `今日の質問は上限（${limits.perDay}件）に達しました。明日また質問するか、ヘルプでコーチに相談してください。 / You reached today's limit of ${limits.perDay} questions. Ask again tomorrow, or write to a coach in Help.`,
      wait,
    );
  }
  if (!options.aiReplies) return;
  // Questions of the last 15 minutes in rooms the AI answers, with no reply yet (a reply is posted
  // once under the key reply:<question id>); older ones have failed or been handed to a coach.
  const waiting = await trx('chat_messages as q')
    .join('chat_rooms as r', 'r.id', 'q.room_id')
    .where('r.user_id', userId)
    .whereNot('r.kind', 'help')
    .where('q.author_kind', 'learner')
    .where('q.created_at', '>', trx.raw(`now() - interval '15 minutes'`))
    .whereNotExists(trx('chat_messages as a').whereRaw(`a.idempotency_key = 'reply:' || q.id::text`).select(trx.raw('1')))
    .first(trx.raw('count(*)::int as n'));
  if (waiting.n >= limits.repliesWaiting) {
    throw new QuestionLimitError(
      `まだ${waiting.n}件の質問に返信を書いています。返信が届いてから次の質問を送ってください。 / ${waiting.n} of your questions are still being answered: send the next one once a reply arrives.`,
      10,
    );
  }
}
