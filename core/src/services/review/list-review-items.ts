import type { Knex } from 'knex';
import type { ListPage, ListQuery } from '../../data/list-query';
import { reviewQueuePage, type ReviewQueueSort } from '../../data/review-queue-page';
import { toReviewRow, type ReviewRow, type ReviewSettings, type ReviewStatus } from './review-items';

/** Sort fields the list accepts (the wire names), each mapped to a column of the row query. */
// 'id' is react-admin's default sort.
export const REVIEW_SORT_FIELDS = ['id', 'createdAt', 'uploadedAt', 'dueAt', 'status', 'attemptNumber', 'updatedAt'] as const;
const SORT_COLUMN: Record<(typeof REVIEW_SORT_FIELDS)[number], ReviewQueueSort> = {
  id: 'id',
  createdAt: 'created_at',
  uploadedAt: 'uploaded_at',
  dueAt: 'uploaded_at', // due = uploaded + a fixed turnaround: the same order
  status: 'status',
  attemptNumber: 'attempt_number',
  updatedAt: 'updated_at',
};

export interface ReviewFilter {
  status?: ReviewStatus[] | undefined;
  dishId?: string | undefined;
  assigneeId?: string | undefined;
  mine?: boolean | undefined;
  q?: string | undefined;
  id?: string[] | undefined;
}

/** The review queue (oldest first by default); "mine" means reserved by the caller right now. */
export async function listReviewItems(
  knex: Knex,
  settings: ReviewSettings,
  callerId: string,
  list: ListQuery<ReviewFilter>,
  /** Signs a storage key for the rows' thumbnails; without it rows carry no posterUrl. */
  signMedia?: (key: string) => Promise<string>,
): Promise<ListPage<ReviewRow>> {
  const f = list.filter;
  const page = await reviewQueuePage(knex, {
    // "mine" is the caller's live reservation; asked together with an assignee, both must hold.
    filter: { status: f.status, dishId: f.dishId, id: f.id, q: f.q, assigneeIds: [...(f.assigneeId ? [f.assigneeId] : []), ...(f.mine ? [callerId] : [])] },
    sort: { column: SORT_COLUMN[list.sort.field as keyof typeof SORT_COLUMN] ?? 'created_at', order: list.sort.order },
    // Clips the analyzer could not coach come first in the queue's orders (a coach must answer them),
    // then diagnoses it was unsure of; a sort by id is a technical listing (react-admin's default) and
    // stays a plain id order.
    coachFirst: list.sort.field !== 'id',
    offset: list.range.start,
    limit: list.range.end - list.range.start + 1,
  });
  const rows = await Promise.all(
    page.rows.map(async (r) => {
      const row = toReviewRow(r, settings);
      if (!signMedia) return row;
      // A thumbnail that cannot be signed (a malformed key) leaves the row without one, never the queue empty.
      const posterUrl = typeof r.poster_key === 'string' ? await Promise.resolve(r.poster_key).then(signMedia).catch(() => null) : null;
      return { ...row, posterUrl };
    }),
  );
  return { rows, total: page.total, start: list.range.start };
}
