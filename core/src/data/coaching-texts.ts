/** The coaching_texts aggregate: the one coaching text of a session, and the chat message that carried it. */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { CoachingText } from '../models/coaching-text';

export type CoachingTextRow = ModelObject<CoachingText>;
type Db = Knex | Knex.Transaction;

export async function coachingTextOf(db: Db, sessionId: string): Promise<CoachingTextRow | undefined> {
  return db('coaching_texts').where({ session_id: sessionId }).first();
}

/** Stores the session's text once: a retried stage keeps the first. */
export async function insertCoachingTextOnce(
  db: Db,
  t: { sessionId: string; content: unknown; body: string; provider: string; model: string; promptVersion: string | null },
): Promise<void> {
  await db('coaching_texts')
    .insert({ session_id: t.sessionId, content: JSON.stringify(t.content), body: t.body, provider: t.provider, model: t.model, prompt_version: t.promptVersion })
    .onConflict('session_id')
    .ignore();
}

export async function linkCoachingMessage(db: Db, id: string, messageId: string): Promise<void> {
  await db('coaching_texts').where({ id }).update({ message_id: messageId });
}

/** The text with the time its chat message was sent (null while unsent): what the review workspace shows. */
export async function coachingTextWithSentAt(db: Db, sessionId: string): Promise<{ body: string; content: unknown; created_at: Date; sent_at: Date | null } | undefined> {
  return db('coaching_texts as c').leftJoin('chat_messages as m', 'm.id', 'c.message_id').where('c.session_id', sessionId).first('c.body', 'c.content', 'c.created_at', 'm.created_at as sent_at');
}
