/** The cooking_sessions aggregate: every query on sessions lives here. */
import type { Knex } from 'knex';
import { DONE_COLUMN_OF_STAGE, STATUS_OF_STAGE, type SessionStatus } from '../domain/session-status';
import { NotFoundError } from '../errors';
import { whereNoPendingJob } from './queue-jobs';

/** Live sessions joined with their dish (slug, names): the shape the session views are made from. */
export function sessionsWithDish(knex: Knex) {
  return knex('cooking_sessions as s')
    .join('dishes as d', 'd.id', 's.dish_id')
    .whereNull('s.deleted_at')
    .select('s.*', 'd.slug as dish_slug', 'd.name_ja', 'd.name_en');
}

/**
 * Inserts the cook's next session of a dish, numbered one past their last. Two at once can read
 * the same number: the unique (user, dish, attempt) index refuses one (23505) and the caller retries.
 */
export async function insertNextSession(
  knex: Knex,
  input: { userId: string; dishId: string; note: string | null; selfRatings: Record<string, number> },
): Promise<string> {
  const [row] = await knex('cooking_sessions')
    .insert({
      user_id: input.userId,
      dish_id: input.dishId,
      attempt_number: knex.raw('coalesce((select max(attempt_number) from cooking_sessions where user_id = ? and dish_id = ?), 0) + 1', [input.userId, input.dishId]),
      note: input.note,
      self_ratings: JSON.stringify(input.selfRatings),
    })
    .returning('id');
  return row.id as string;
}

/** Sessions in one of the statuses whose stage has had no pending job for quietSeconds (at most 100). */
export async function findStalledSessions(knex: Knex, statuses: SessionStatus[], quietSeconds: number): Promise<Array<{ id: string; status: SessionStatus }>> {
  const query = knex('cooking_sessions as s')
    .whereIn('s.status', statuses)
    .whereNull('s.deleted_at')
    .where('s.updated_at', '<', knex.raw(`now() - make_interval(secs => ?)`, [quietSeconds]));
  return whereNoPendingJob(knex, query, 's.id::text').limit(100).select('s.id', 's.status');
}

/** Locks the cook's live session row for the rest of the transaction; undefined when there is none. */
export async function lockCookSession(
  trx: Knex.Transaction,
  sessionId: string,
  userId: string,
): Promise<{ status: SessionStatus; failed_stage: string | null; failure_code: string | null } | undefined> {
  return trx('cooking_sessions').where({ id: sessionId, user_id: userId }).whereNull('deleted_at').forUpdate().first('status', 'failed_stage', 'failure_code');
}

/** The session's video has arrived (after a rejected one: the rejection is cleared). */
export async function markSessionUploaded(db: Knex | Knex.Transaction, sessionId: string): Promise<void> {
  await db('cooking_sessions')
    .where({ id: sessionId })
    .update({ status: 'uploaded', uploaded_at: db.fn.now(), updated_at: db.fn.now(), failed_stage: null, failure_reason: null, failure_code: null, failed_at: null });
}

export async function deleteSession(db: Knex | Knex.Transaction, sessionId: string): Promise<void> {
  await db('cooking_sessions').where({ id: sessionId }).delete();
}

export async function getSessionRow(db: Knex | Knex.Transaction, sessionId: string) {
  const row = await db('cooking_sessions').where({ id: sessionId }).whereNull('deleted_at').first();
  if (!row) throw new NotFoundError('Session');
  return row;
}

/**
 * Marks a stage as working on the session. Returns false when the session has moved past it,
 * is deleted or failed, so a duplicate or late job does nothing.
 */
export async function beginStage(db: Knex | Knex.Transaction, sessionId: string, stage: string, from: SessionStatus[]): Promise<boolean> {
  const status = STATUS_OF_STAGE[stage];
  if (!status) throw new Error(`unknown stage ${stage}`);
  const updated = await db('cooking_sessions')
    .where({ id: sessionId })
    .whereNull('deleted_at')
    .whereIn('status', [...from, status])
    .update({ status, updated_at: db.fn.now() });
  return updated > 0;
}

/** Records that a stage finished and moves the session to the next status. */
export async function finishStage(db: Knex | Knex.Transaction, sessionId: string, stage: string, next: SessionStatus): Promise<void> {
  const column = DONE_COLUMN_OF_STAGE[stage];
  await db('cooking_sessions')
    .where({ id: sessionId, status: STATUS_OF_STAGE[stage] })
    .update({ status: next, ...(column ? { [column]: db.fn.now() } : {}), updated_at: db.fn.now() });
}

/** A stage that cannot succeed however often it is retried (e.g. not a video): failed with the reason shown to the cook. */
export async function failSession(db: Knex | Knex.Transaction, sessionId: string, stage: string, reason: string, code: string | null = null): Promise<void> {
  await db('cooking_sessions')
    .where({ id: sessionId })
    .whereNotIn('status', ['delivered'])
    .update({ status: 'failed', failed_stage: stage, failure_reason: reason, failure_code: code, failed_at: db.fn.now(), updated_at: db.fn.now() });
}

/** The status of the user's live (not deleted) session; undefined for anyone else's or a deleted one. */
/** The status of the user's live (not deleted) session, with why it failed when it did. */
export async function liveOwnSessionStatus(
  db: Knex | Knex.Transaction,
  userId: string,
  sessionId: string,
): Promise<{ status: SessionStatus; failed_stage: string | null; failure_code: string | null } | undefined> {
  return db('cooking_sessions').where({ id: sessionId, user_id: userId }).whereNull('deleted_at').first('status', 'failed_stage', 'failure_code');
}

/** Whether the session is the user's (deleted or not, as the message's context). */
export async function isOwnSession(db: Knex | Knex.Transaction, userId: string, sessionId: string): Promise<boolean> {
  return Boolean(await db('cooking_sessions').where({ id: sessionId, user_id: userId }).first('id'));
}

/** The user's newest session that has had its coaching text. */
export async function latestCoachedSessionId(db: Knex | Knex.Transaction, userId: string): Promise<string | undefined> {
  const row = await db('cooking_sessions').where({ user_id: userId }).whereNotNull('coach_text_sent_at').orderBy('created_at', 'desc').first('id');
  return row?.id as string | undefined;
}

/** Back to the narrate stage (a coach sent the draft back), unless already delivered. */
export async function returnToNarrate(db: Knex | Knex.Transaction, sessionId: string): Promise<void> {
  await db('cooking_sessions').where({ id: sessionId }).whereNot({ status: 'delivered' }).update({ status: 'narrating', updated_at: db.fn.now() });
}

/** Fails the session at a stage that ran out of retries, only while it still waits in one of the given statuses. Returns rows changed. */
export async function failSessionWaitingOn(knex: Knex, sessionId: string, stage: string, statuses: SessionStatus[], failureReason?: string): Promise<number> {
  return knex('cooking_sessions')
    .where({ id: sessionId })
    .whereIn('status', statuses)
    .update({
      status: 'failed',
      failed_stage: stage,
      failure_code: null,
      failure_reason: failureReason ? `The ${stage} stage failed: ${failureReason}` : `The ${stage} stage failed after its last retry.`,
      failed_at: knex.fn.now(),
      updated_at: knex.fn.now(),
    });
}

/** The live session with its cook's name and locale, chosen display name, and dish: what every stage starts from. */
export async function sessionContextRow(db: Knex | Knex.Transaction, sessionId: string) {
  return db('cooking_sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .join('dishes as d', 'd.id', 's.dish_id')
    .leftJoin('learner_profiles as lp', 'lp.user_id', 'u.id')
    .where('s.id', sessionId)
    .whereNull('s.deleted_at')
    .first('s.*', 'u.name as user_name', 'u.locale', 'lp.display_name', 'd.slug as dish_slug', 'd.name_ja', 'd.name_en', 'd.rubric as dish_rubric');
}

/** A session (deleted or not) with its dish: what a question about it is answered against. */
export async function sessionWithDish(
  db: Knex | Knex.Transaction,
  sessionId: string,
): Promise<{ id: string; attempt_number: number; slug: string; name_ja: string; name_en: string } | undefined> {
  return db('cooking_sessions as s').join('dishes as d', 'd.id', 's.dish_id').where('s.id', sessionId).first('s.id', 's.attempt_number', 'd.slug', 'd.name_ja', 'd.name_en');
}

/** The cook's coached sessions of a dish in attempt order, each with its newest analysis' diagnosis code. */
export async function coachedDiagnoses(db: Knex | Knex.Transaction, userId: string, dishId: string): Promise<Array<{ id: string; attempt_number: number; code: string | null }>> {
  return db('cooking_sessions as s')
    .where({ 's.user_id': userId, 's.dish_id': dishId })
    .whereNotNull('s.coach_text_sent_at')
    .whereNull('s.deleted_at')
    .orderBy('s.attempt_number')
    .select('s.id', 's.attempt_number', db.raw(`(select a.result->'diagnosis'->>'code' from analyses a where a.session_id = s.id order by a.created_at desc limit 1) as code`));
}

export async function markSummarized(db: Knex | Knex.Transaction, sessionId: string): Promise<void> {
  await db('cooking_sessions').where({ id: sessionId }).update({ summarized_at: db.fn.now() });
}

/** The few session fields the review workspace shows (deleted sessions included: the item may outlive them). */
export async function sessionHeader(db: Knex | Knex.Transaction, sessionId: string): Promise<{ id: string; status: SessionStatus; note: string | null; self_ratings: Record<string, number> | null; created_at: Date } | undefined> {
  return db('cooking_sessions').where({ id: sessionId }).first('id', 'status', 'note', 'self_ratings', 'created_at');
}

/** Marks the session delivered; true only for the one call that made the transition. */
export async function markDeliveredOnce(db: Knex | Knex.Transaction, sessionId: string): Promise<boolean> {
  const marked = await db('cooking_sessions')
    .where({ id: sessionId })
    .whereNull('delivered_at')
    .update({ status: 'delivered', delivered_at: db.fn.now(), failed_stage: null, failure_reason: null, updated_at: db.fn.now() });
  return marked === 1;
}

export async function sessionTranscript(db: Knex | Knex.Transaction, sessionId: string): Promise<string | null> {
  const row = await db('cooking_sessions').where({ id: sessionId }).first('transcript');
  return (row?.transcript as string | null | undefined) ?? null;
}

export async function setTranscript(db: Knex | Knex.Transaction, sessionId: string, transcript: string): Promise<void> {
  await db('cooking_sessions').where({ id: sessionId }).update({ transcript });
}

/**
 * The cook's live sessions of a dish, newest first (at most 200), each with its newest diagnosis,
 * its coached skill, and the chat messages that carried its coaching text and its video.
 */
export async function dishSessionHistory(db: Knex | Knex.Transaction, userId: string, dishId: string) {
  return db('cooking_sessions as s')
    .where({ 's.user_id': userId, 's.dish_id': dishId })
    .whereNull('s.deleted_at')
    .orderBy('s.attempt_number', 'desc')
    .limit(200)
    .select(
      's.*',
      db.raw(`(select a.result->'diagnosis' from analyses a where a.session_id = s.id order by a.created_at desc limit 1) as diagnosis`),
      db.raw(`(select json_build_object('findings', a.result->'findings', 'coachable', a.result->'coachable') from analyses a where a.session_id = s.id order by a.created_at desc limit 1) as analysis_extra`),
      db.raw(`(select c.content->'skill' from coaching_texts c where c.session_id = s.id) as skill`),
      db.raw(`(select json_build_object('id', m.id, 'roomId', m.room_id) from chat_messages m join chat_rooms r on r.id = m.room_id
                 where m.session_id = s.id and m.kind = 'coaching_text' and r.user_id = s.user_id order by m.created_at limit 1) as coaching_message`),
      db.raw(`(select json_build_object('id', m.id, 'roomId', m.room_id) from chat_messages m join chat_rooms r on r.id = m.room_id
                 where m.session_id = s.id and m.kind = 'video' and r.user_id = s.user_id order by m.created_at desc limit 1) as video_message`),
    );
}

/** The highest attempt number the cook used for the dish (deleted sessions included: numbers are never reused). */
export async function maxAttemptNumber(db: Knex | Knex.Transaction, userId: string, dishId: string): Promise<number> {
  const row = await db('cooking_sessions').where({ user_id: userId, dish_id: dishId }).max('attempt_number as n').first();
  return (row?.n as number | null | undefined) ?? 0;
}

/** The live session, locked for update inside the caller's transaction. */
export async function lockLiveSession(trx: Knex.Transaction, sessionId: string): Promise<Record<string, unknown> | undefined> {
  return trx('cooking_sessions').where({ id: sessionId }).whereNull('deleted_at').forUpdate().first();
}

/** A failed session back in flight at `status`: the failure is cleared and the retry counted. */
export async function resumeFailedSession(db: Knex | Knex.Transaction, sessionId: string, status: SessionStatus): Promise<void> {
  await db('cooking_sessions')
    .where({ id: sessionId, status: 'failed' })
    .update({ status, failed_stage: null, failure_reason: null, failure_code: null, failed_at: null, retry_count: db.raw('retry_count + 1'), updated_at: db.fn.now() });
}
