/** The coaching_text_corrections aggregate: a coach's corrections of a sent coaching text, oldest first. */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { CoachingText } from '../models/coaching-text';
import type { CoachingTextCorrection } from '../models/coaching-text-correction';

export type CoachingTextCorrectionRow = ModelObject<CoachingTextCorrection>;
type Db = Knex | Knex.Transaction;

/** The session's coaching text, locked for a correction (one correction at a time per text). */
export async function lockCoachingTextOfSession(trx: Knex.Transaction, sessionId: string): Promise<ModelObject<CoachingText> | undefined> {
  return trx('coaching_texts').where({ session_id: sessionId }).forUpdate().first();
}

export async function correctionsOf(db: Db, coachingTextId: string): Promise<Array<CoachingTextCorrectionRow & { corrected_by_name: string | null }>> {
  return db('coaching_text_corrections as c')
    .leftJoin('users as u', 'u.id', 'c.corrected_by')
    .where('c.coaching_text_id', coachingTextId)
    .orderBy('c.version', 'asc')
    .select('c.*', 'u.name as corrected_by_name');
}

/** The session's corrections (through its coaching text), oldest first: the workspace's history. */
export async function correctionsOfSession(db: Db, sessionId: string): Promise<Array<CoachingTextCorrectionRow & { corrected_by_name: string | null }>> {
  return db('coaching_text_corrections as c')
    .join('coaching_texts as t', 't.id', 'c.coaching_text_id')
    .leftJoin('users as u', 'u.id', 'c.corrected_by')
    .where('t.session_id', sessionId)
    .orderBy('c.version', 'asc')
    .select('c.*', 'u.name as corrected_by_name');
}

export async function insertCorrection(
  trx: Knex.Transaction,
  c: { coachingTextId: string; version: number; body: string; previousBody: string; correctedBy: string | null },
): Promise<CoachingTextCorrectionRow> {
  const [row] = await trx('coaching_text_corrections')
    .insert({ coaching_text_id: c.coachingTextId, version: c.version, body: c.body, previous_body: c.previousBody, corrected_by: c.correctedBy })
    .returning('*');
  return row;
}

/** The text as the cook now has it: coaching_texts.body is always the latest version sent. */
export async function replaceCoachingBody(trx: Knex.Transaction, coachingTextId: string, body: string): Promise<void> {
  await trx('coaching_texts').where({ id: coachingTextId }).update({ body });
}

/** The chat card shows the latest body; its payload says it was corrected and keeps the earlier versions. */
export async function rewriteCoachingMessage(trx: Knex.Transaction, messageId: string, body: string, correction: Record<string, unknown>): Promise<void> {
  await trx('chat_messages')
    .where({ id: messageId })
    .update({ body, payload: trx.raw(`coalesce(payload, '{}'::jsonb) || jsonb_build_object('correction', ?::jsonb)`, [JSON.stringify(correction)]) });
}

export async function linkCorrectionNotice(trx: Knex.Transaction, id: string, messageId: string): Promise<void> {
  await trx('coaching_text_corrections').where({ id }).update({ notice_message_id: messageId });
}

export async function markCorrectionPushQueued(db: Db, id: string): Promise<void> {
  await db('coaching_text_corrections').where({ id }).whereNull('push_queued_at').update({ push_queued_at: db.fn.now() });
}

export async function roomOfMessage(db: Db, messageId: string): Promise<string | undefined> {
  const row = await db('chat_messages').where({ id: messageId }).first('room_id');
  return row?.room_id;
}
