import type { Knex } from 'knex';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { DONE_COLUMN_OF_STAGE, STATUS_OF_STAGE, type SessionStatus } from '../../domain/session-status';

export interface SessionView {
  id: string;
  dish: { slug: string; name: { ja: string; en: string } };
  attemptNumber: number;
  status: SessionStatus;
  note: string | null;
  selfRatings: Record<string, number>;
  failedStage: string | null;
  failureReason: string | null;
  createdAt: string;
  uploadedAt: string | null;
  coachTextSentAt: string | null;
  deliveredAt: string | null;
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

function toView(row: Record<string, unknown>): SessionView {
  return {
    id: row.id as string,
    dish: { slug: row.dish_slug as string, name: { ja: row.name_ja as string, en: row.name_en as string } },
    attemptNumber: row.attempt_number as number,
    status: row.status as SessionStatus,
    note: row.note as string | null,
    selfRatings: row.self_ratings as Record<string, number>,
    failedStage: row.failed_stage as string | null,
    failureReason: row.failure_reason as string | null,
    createdAt: iso(row.created_at) as string,
    uploadedAt: iso(row.uploaded_at),
    coachTextSentAt: iso(row.coach_text_sent_at),
    deliveredAt: iso(row.delivered_at),
  };
}

function sessionQuery(knex: Knex) {
  return knex('cooking_sessions as s')
    .join('dishes as d', 'd.id', 's.dish_id')
    .whereNull('s.deleted_at')
    .select('s.*', 'd.slug as dish_slug', 'd.name_ja', 'd.name_en');
}

/** Opens "Session N of <dish>" for a cook: N counts their sessions of that dish. */
export async function createCookingSession(
  knex: Knex,
  userId: string,
  input: { dishSlug: string; note?: string | undefined; selfRatings?: Record<string, number> | undefined },
): Promise<SessionView> {
  const dish = await knex('dishes').where({ slug: input.dishSlug }).first('id');
  if (!dish) throw new ValidationError(`Unknown dish "${input.dishSlug}".`);
  // Two taps at once both read the same max: the unique (user, dish, attempt) index makes one retry.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const [row] = await knex('cooking_sessions')
        .insert({
          user_id: userId,
          dish_id: dish.id,
          attempt_number: knex.raw('coalesce((select max(attempt_number) from cooking_sessions where user_id = ? and dish_id = ?), 0) + 1', [userId, dish.id]),
          note: input.note ?? null,
          self_ratings: JSON.stringify(input.selfRatings ?? {}),
        })
        .returning('id');
      return getLearnerSession(knex, userId, row.id);
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  }
  throw new ConflictError('Could not number the session; try again.');
}

/** A cook's own session; someone else's answers 404 exactly like a missing one. */
export async function getLearnerSession(knex: Knex, userId: string, sessionId: string): Promise<SessionView> {
  const row = await sessionQuery(knex).where({ 's.id': sessionId, 's.user_id': userId }).first();
  if (!row) throw new NotFoundError('Session');
  return toView(row);
}

export async function listLearnerSessions(knex: Knex, userId: string, dishSlug?: string): Promise<SessionView[]> {
  const query = sessionQuery(knex).where('s.user_id', userId).orderBy('s.created_at', 'desc').limit(200);
  if (dishSlug) query.where('d.slug', dishSlug);
  return (await query).map(toView);
}

/** The cook's sessions whose status (or anything else) changed after `since`, for the live event stream. */
export async function listSessionsUpdatedSince(knex: Knex, userId: string, since: Date): Promise<Array<SessionView & { updatedAt: string }>> {
  const rows = await sessionQuery(knex).where('s.user_id', userId).where('s.updated_at', '>', since).orderBy('s.updated_at').limit(100);
  return rows.map((row: Record<string, unknown>) => ({ ...toView(row), updatedAt: iso(row.updated_at) as string }));
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
export async function failSession(db: Knex | Knex.Transaction, sessionId: string, stage: string, reason: string): Promise<void> {
  await db('cooking_sessions')
    .where({ id: sessionId })
    .whereNotIn('status', ['delivered'])
    .update({ status: 'failed', failed_stage: stage, failure_reason: reason, failed_at: db.fn.now(), updated_at: db.fn.now() });
}
