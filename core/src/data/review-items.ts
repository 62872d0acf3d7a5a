/** The review_items aggregate: every query on the coaches' review queue lives here. */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import { NotFoundError } from '../errors';
import type { ReviewItem } from '../models/review-item';
import { whereNoPendingJob } from './queue-jobs';

export type ReviewItemRow = ModelObject<ReviewItem>;
export type LockedReviewItem = ReviewItemRow & { live: boolean };

/** Approved items whose session was never delivered and has no pending deliver job for quietSeconds (at most 100). */
export async function findUndeliveredApprovals(knex: Knex, quietSeconds: number): Promise<Array<{ id: string; session_id: string; render_id: string }>> {
  const query = knex('review_items as ri')
    .join('cooking_sessions as s', 's.id', 'ri.session_id')
    .where('ri.status', 'approved')
    .whereNotNull('ri.render_id')
    .whereNull('s.delivered_at')
    .whereNull('s.deleted_at')
    .whereNot('s.status', 'failed')
    .where('ri.decided_at', '<', knex.raw('now() - make_interval(secs => ?)', [quietSeconds]));
  return whereNoPendingJob(knex, query, 'ri.session_id::text', 'deliver').limit(100).select('ri.id', 'ri.session_id', 'ri.render_id');
}

/** The item's row, locked for the rest of the transaction, with whether its reservation is live. */
export async function lockReviewItem(trx: Knex.Transaction, id: string) {
  const row = await trx('review_items as ri')
    .join('cooking_sessions as s', 's.id', 'ri.session_id')
    .where('ri.id', id)
    .whereNull('s.deleted_at')
    .forUpdate('ri')
    .first('ri.*', trx.raw('(ri.reserved_until is not null and ri.reserved_until > now()) as live'));
  if (!row) throw new NotFoundError('Review item');
  return row as LockedReviewItem;
}

/** The holder's reservation, for claimMinutes from now; the item reads in_review. Returns its end. */
export async function reserveReviewItem(trx: Knex.Transaction, id: string, userId: string, claimMinutes: number): Promise<Date> {
  const [updated] = await trx('review_items')
    .where({ id })
    .update({ assignee_id: userId, reserved_until: trx.raw('now() + make_interval(mins => ?)', [claimMinutes]), status: 'in_review', updated_at: trx.fn.now() })
    .returning(['reserved_until']);
  return new Date(updated.reserved_until);
}

export async function releaseReservation(trx: Knex.Transaction, id: string): Promise<void> {
  await trx('review_items').where({ id }).update({ assignee_id: null, reserved_until: null, status: 'pending', updated_at: trx.fn.now() });
}

/** The coach's decision: approved (with the render to deliver) or sent back (with the reason). */
export async function recordReviewDecision(
  trx: Knex.Transaction,
  id: string,
  decision: { kind: 'approved'; by: string; renderId: string } | { kind: 'sent_back'; by: string; reason: string },
): Promise<void> {
  await trx('review_items')
    .where({ id })
    .update({
      status: decision.kind,
      decision: decision.kind,
      decision_reason: decision.kind === 'sent_back' ? decision.reason : null,
      decided_by: decision.by,
      decided_at: trx.fn.now(),
      ...(decision.kind === 'approved' ? { render_id: decision.renderId } : {}),
      reserved_until: null,
      updated_at: trx.fn.now(),
    });
}

/** Flags the session's review item (created if missing) so the queue shows it first. */
export async function flagSessionForCoach(db: Knex | Knex.Transaction, sessionId: string): Promise<void> {
  await db('review_items').insert({ session_id: sessionId, status: 'pending', needs_coach: true }).onConflict('session_id').merge(['needs_coach']);
}

/** Renews the holder's reservation: at least `minutes` from now, never shortened. */
export async function extendReservation(db: Knex | Knex.Transaction, id: string, minutes: number): Promise<void> {
  await db('review_items')
    .where({ id })
    .update({ reserved_until: db.raw('greatest(reserved_until, now() + make_interval(mins => ?))', [minutes]), updated_at: db.fn.now() });
}

export async function reviewOfSession(db: Knex | Knex.Transaction, sessionId: string): Promise<Pick<ReviewItemRow, 'id' | 'status' | 'decision_reason'> | undefined> {
  return db('review_items').where({ session_id: sessionId }).first('id', 'status', 'decision_reason');
}

/** Creates the session's pending review item unless it has one. */
export async function ensureReviewItem(db: Knex | Knex.Transaction, sessionId: string): Promise<void> {
  await db('review_items').insert({ session_id: sessionId, status: 'pending' }).onConflict('session_id').ignore();
}

/** Locks the item if it is still sent back (undefined otherwise: someone else already redrafted it). */
export async function lockSentBack(trx: Knex.Transaction, id: string): Promise<{ id: string } | undefined> {
  return trx('review_items').where({ id, status: 'sent_back' }).forUpdate().first('id');
}

/** Back to pending with the earlier decision and reservation cleared. */
export async function reopenReviewItem(db: Knex | Knex.Transaction, id: string): Promise<void> {
  await db('review_items')
    .where({ id })
    .update({ status: 'pending', decision: null, decision_reason: null, decided_by: null, decided_at: null, reserved_until: null, updated_at: db.fn.now() });
}

/** The review queue shows (and approves) the newest finished render; an approved item keeps the delivered one. */
export async function showRenderInReview(db: Knex | Knex.Transaction, sessionId: string, renderId: string): Promise<void> {
  await db('review_items').where({ session_id: sessionId }).whereNot({ status: 'approved' }).update({ render_id: renderId, updated_at: db.fn.now() });
}

export interface ReviewSubject {
  session_id: string;
  user_id: string;
  name: string;
  locale: 'ja' | 'en';
  display_name: string | null;
  name_ja: string;
  name_en: string;
}

/** The cook and dish behind a review item (undefined when the item or its session is gone). */
export async function reviewSubject(db: Knex | Knex.Transaction, id: string): Promise<ReviewSubject | undefined> {
  return db('review_items as ri')
    .join('cooking_sessions as s', 's.id', 'ri.session_id')
    .join('users as u', 'u.id', 's.user_id')
    .join('dishes as d', 'd.id', 's.dish_id')
    .leftJoin('learner_profiles as lp', 'lp.user_id', 'u.id')
    .where('ri.id', id)
    .whereNull('s.deleted_at')
    .first('s.id as session_id', 's.user_id', 'u.name', 'u.locale', 'lp.display_name', 'd.name_ja', 'd.name_en');
}

/** The render the review item points at (the one a coach approves). */
export async function reviewRenderId(db: Knex | Knex.Transaction, id: string): Promise<{ render_id: string | null } | undefined> {
  return db('review_items').where({ id }).first('render_id');
}

export async function reviewItemOfSession(db: Knex | Knex.Transaction, id: string, sessionId: string): Promise<Pick<ReviewItemRow, 'id' | 'status' | 'decided_by'> | undefined> {
  return db('review_items').where({ id, session_id: sessionId }).first('id', 'status', 'decided_by');
}
