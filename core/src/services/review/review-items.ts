import type { Knex } from 'knex';
import { lockReviewItem } from '../../data/review-items';
import { reviewQueueRow } from '../../data/review-queue-page';
import { personById } from '../../data/users';
import type { Person, RenderStatus, ReviewRow, ReviewStatus } from '../../contracts/reviews';
import { AppError, ConflictError, NotFoundError } from '../../errors';

export { lockReviewItem };

/** The review queue's configuration (core/src/config.ts: REVIEW_CLAIM_MINUTES, REVIEW_TURNAROUND_HOURS). */
export interface ReviewSettings {
  claimMinutes: number;
  turnaroundHours: number;
}

export const REVIEW_STATUSES = ['pending', 'in_review', 'approved', 'sent_back'] as const satisfies readonly ReviewStatus[];
export type { Person, ReviewRow, ReviewStatus };

/** 409 held_by_other: another coach holds a live reservation. */
export class HeldByOtherError extends AppError {
  constructor(holder: Person, reservedUntil: string) {
    super(409, 'held_by_other', `${holder.name} is reviewing this item until ${reservedUntil}.`, { holder, reservedUntil });
  }
}
/** 409 not_claimed: the action needs the caller's own live reservation. */
export class NotClaimedError extends ConflictError {
  constructor() {
    super('Claim this item before you change it.', 'not_claimed');
  }
}
export class AlreadyDecidedError extends ConflictError {
  constructor(status: string) {
    super(status === 'sent_back' ? 'This item was sent back and is being drafted again.' : 'This item has already been approved.', 'already_decided');
  }
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

export function toReviewRow(row: Record<string, unknown>, settings: ReviewSettings): ReviewRow {
  const uploadedAt = iso(row.uploaded_at) as string;
  return {
    id: row.id as string,
    sessionId: row.session_id as string,
    status: row.status as ReviewStatus,
    dish: { id: row.dish_id as string, slug: row.dish_slug as string, nameJa: row.name_ja as string, nameEn: row.name_en as string },
    cook: { id: row.cook_id as string, name: row.cook_name as string },
    attemptNumber: row.attempt_number as number,
    uploadedAt,
    createdAt: iso(row.created_at) as string,
    needsCoach: row.needs_coach === true,
    diagnosis: row.diagnosis_code ? { code: row.diagnosis_code as string, confidence: row.diagnosis_confidence === null || row.diagnosis_confidence === undefined ? null : Number(row.diagnosis_confidence) } : null,
    lowConfidence: row.low_confidence === true,
    dueAt: new Date(new Date(uploadedAt).getTime() + settings.turnaroundHours * 3600_000).toISOString(),
    turnaroundHours: settings.turnaroundHours,
    assignee: row.assignee_id ? { id: row.assignee_id as string, name: row.assignee_name as string } : null,
    reservedUntil: iso(row.reserved_until),
    render: row.render_id
      ? { id: row.render_id as string, version: row.render_version as number, status: row.render_status as RenderStatus, progress: row.render_progress as number }
      : null,
    decision: row.decision
      ? {
          kind: row.decision as 'approved' | 'sent_back',
          reason: (row.decision_reason as string | null) ?? null,
          by: row.decided_by ? { id: row.decided_by as string, name: row.decided_by_name as string } : null,
          at: iso(row.decided_at) as string,
        }
      : null,
  };
}

/** The review item's row for the queue (and its workspace). */
export async function getReviewRow(knex: Knex, id: string, settings: ReviewSettings): Promise<ReviewRow> {
  const row = await reviewQueueRow(knex, id);
  if (!row) throw new NotFoundError('Review item');
  return toReviewRow(row, settings);
}

/** Throws unless the caller holds the item's live reservation and it is still open. */
export async function assertHeldBy(trx: Knex.Transaction, item: Awaited<ReturnType<typeof lockReviewItem>>, userId: string): Promise<void> {
  if (item.status === 'approved' || item.status === 'sent_back') throw new AlreadyDecidedError(item.status);
  if (item.live && item.assignee_id && item.assignee_id !== userId) {
    const holder = await personById(trx, item.assignee_id);
    throw new HeldByOtherError(holder, iso(item.reserved_until) as string);
  }
  if (!item.live || item.assignee_id !== userId) throw new NotClaimedError();
}
