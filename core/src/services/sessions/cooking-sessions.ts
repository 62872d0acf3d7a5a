import type { Knex } from 'knex';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { CookingSessionView } from '../../contracts/sessions';
import type { SessionStatus } from '../../domain/session-status';
import { findDishIdBySlug } from '../../data/dishes';
import { insertNextSession, sessionsWithDish } from '../../data/cooking-sessions';
import { acceptsNewVideo } from './accepts-new-video';

/** The wire shape (core/src/contracts/sessions.ts). */
export type SessionView = CookingSessionView;

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
    acceptsNewVideo: acceptsNewVideo(row as { status: string; failed_stage: string | null; failure_code: string | null }),
    createdAt: iso(row.created_at) as string,
    uploadedAt: iso(row.uploaded_at),
    coachTextSentAt: iso(row.coach_text_sent_at),
    deliveredAt: iso(row.delivered_at),
  };
}

const sessionQuery = sessionsWithDish;

/** Opens "Session N of <dish>" for a cook: N counts their sessions of that dish. */
export async function createCookingSession(
  knex: Knex,
  userId: string,
  input: { dishSlug: string; note?: string | undefined; selfRatings?: Record<string, number> | undefined },
): Promise<SessionView> {
  const dishId = await findDishIdBySlug(knex, input.dishSlug);
  if (!dishId) throw new ValidationError(`Unknown dish "${input.dishSlug}".`);
  // Two taps at once both read the same max: the unique (user, dish, attempt) index makes one retry.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const id = await insertNextSession(knex, { userId, dishId, note: input.note ?? null, selfRatings: input.selfRatings ?? {} });
      return getLearnerSession(knex, userId, id);
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
