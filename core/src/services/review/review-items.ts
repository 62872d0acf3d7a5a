import type { Knex } from 'knex';
import { AppError, ConflictError, NotFoundError } from '../../errors';

/** The review queue's configuration (core/src/config.ts: REVIEW_CLAIM_MINUTES, REVIEW_TURNAROUND_HOURS). */
export interface ReviewSettings {
  claimMinutes: number;
  turnaroundHours: number;
}

export const REVIEW_STATUSES = ['pending', 'in_review', 'approved', 'sent_back'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface Person {
  id: string;
  name: string;
}

export interface ReviewRow {
  id: string;
  sessionId: string;
  status: ReviewStatus;
  dish: { id: string; slug: string; nameJa: string; nameEn: string };
  cook: Person;
  attemptNumber: number;
  uploadedAt: string;
  createdAt: string;
  /** The analyzer could not coach this clip (issue 12): a coach must look; listed first. */
  needsCoach: boolean;
  dueAt: string;
  turnaroundHours: number;
  assignee: Person | null;
  reservedUntil: string | null;
  render: { id: string; version: number; status: string; progress: number } | null;
  decision: { kind: 'approved' | 'sent_back'; reason: string | null; by: Person | null; at: string } | null;
}

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

/**
 * One row per review item with what the queue shows, as a subquery so the list can filter and
 * sort on its columns. A reservation past its time is nobody's: such an item reads as pending.
 */
export function reviewRowsQuery(knex: Knex): Knex.QueryBuilder {
  const live = 'ri.reserved_until is not null and ri.reserved_until > now()';
  const inner = knex('review_items as ri')
    .join('cooking_sessions as s', 's.id', 'ri.session_id')
    .join('users as u', 'u.id', 's.user_id')
    .join('dishes as d', 'd.id', 's.dish_id')
    .leftJoin('users as a', function joinAssignee() {
      this.on('a.id', '=', 'ri.assignee_id').andOn(knex.raw(live));
    })
    .leftJoin('users as dec', 'dec.id', 'ri.decided_by')
    .joinRaw('left join lateral (select id, version, status, progress from renders where session_id = ri.session_id order by version desc limit 1) r on true')
    .whereNull('s.deleted_at')
    .select(
      'ri.id',
      'ri.session_id',
      knex.raw(`case when ri.status = 'in_review' and not (${live}) then 'pending' else ri.status end as status`),
      'ri.created_at',
      'ri.updated_at',
      knex.raw('coalesce(s.uploaded_at, s.created_at) as uploaded_at'),
      's.attempt_number',
      's.user_id as cook_id',
      'u.name as cook_name',
      'd.id as dish_id',
      'd.slug as dish_slug',
      'd.name_ja',
      'd.name_en',
      'a.id as assignee_id',
      'a.name as assignee_name',
      knex.raw(`case when ${live} then ri.reserved_until end as reserved_until`),
      'r.id as render_id',
      'r.version as render_version',
      'r.status as render_status',
      'r.progress as render_progress',
      'ri.decision',
      'ri.decision_reason',
      'ri.decided_by',
      'dec.name as decided_by_name',
      'ri.decided_at',
      'ri.needs_coach',
    );
  return knex.from(inner.as('q'));
}

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
    dueAt: new Date(new Date(uploadedAt).getTime() + settings.turnaroundHours * 3600_000).toISOString(),
    turnaroundHours: settings.turnaroundHours,
    assignee: row.assignee_id ? { id: row.assignee_id as string, name: row.assignee_name as string } : null,
    reservedUntil: iso(row.reserved_until),
    render: row.render_id
      ? { id: row.render_id as string, version: row.render_version as number, status: row.render_status as string, progress: row.render_progress as number }
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

export async function getReviewRow(knex: Knex, id: string, settings: ReviewSettings): Promise<ReviewRow> {
  const row = await reviewRowsQuery(knex).where('q.id', id).first();
  if (!row) throw new NotFoundError('Review item');
  return toReviewRow(row, settings);
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
  return row as Record<string, unknown> & { id: string; session_id: string; status: ReviewStatus; assignee_id: string | null; reserved_until: Date | null; live: boolean };
}

/** Throws unless the caller holds the item's live reservation and it is still open. */
export async function assertHeldBy(trx: Knex.Transaction, item: Awaited<ReturnType<typeof lockReviewItem>>, userId: string): Promise<void> {
  if (item.status === 'approved' || item.status === 'sent_back') throw new AlreadyDecidedError(item.status);
  if (item.live && item.assignee_id && item.assignee_id !== userId) {
    const holder = await trx('users').where({ id: item.assignee_id }).first('id', 'name');
    throw new HeldByOtherError({ id: holder.id, name: holder.name }, iso(item.reserved_until) as string);
  }
  if (!item.live || item.assignee_id !== userId) throw new NotClaimedError();
}
