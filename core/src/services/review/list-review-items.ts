import type { Knex } from 'knex';
import { pageOf, type ListPage, type ListQuery } from '../../data/list-query';
import { reviewQueueQuery, withReviewDetails } from '../../data/review-items';
import { toReviewRow, type ReviewRow, type ReviewSettings, type ReviewStatus } from './review-items';

/** Sort fields the list accepts (the wire names), each mapped to a column of the row query. */
// 'id' is react-admin's default sort.
export const REVIEW_SORT_FIELDS = ['id', 'createdAt', 'uploadedAt', 'dueAt', 'status', 'attemptNumber', 'updatedAt'] as const;
const SORT_COLUMN: Record<(typeof REVIEW_SORT_FIELDS)[number], string> = {
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
  const query = reviewQueueQuery(knex);
  const f = list.filter;
  if (f.status?.length) query.whereIn('status', f.status);
  if (f.dishId) query.where('dish_id', f.dishId);
  if (f.assigneeId) query.where('assignee_id', f.assigneeId);
  if (f.mine) query.where('assignee_id', callerId);
  if (f.id) query.whereIn('id', f.id);
  if (f.q) {
    // q is literal text: LIKE's own wildcards in it must not widen the search.
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query.where((w) =>
      w.whereRaw(`cook_name ilike ? escape '\\'`, [pattern]).orWhereRaw(`name_ja ilike ? escape '\\'`, [pattern]).orWhereRaw(`name_en ilike ? escape '\\'`, [pattern]).orWhereRaw(`dish_slug ilike ? escape '\\'`, [pattern]),
    );
  }
  const field = SORT_COLUMN[list.sort.field as keyof typeof SORT_COLUMN] ?? 'created_at';
  // Clips the analyzer could not coach come first in the queue's orders (a coach must answer them),
  // then diagnoses it was unsure of; a sort by id is a technical listing (react-admin's default) and
  // stays a plain id order.
  if (list.sort.field !== 'id') query.orderBy('needs_coach', 'desc').orderBy('low_confidence', 'desc');
  const page = await pageOf<Record<string, unknown>>(query, { ...list, sort: { ...list.sort, field } }, ['*'], (page) => withReviewDetails(knex, page));
  const rows = await Promise.all(
    page.rows.map(async (r) => {
      const row = toReviewRow(r, settings);
      if (!signMedia) return row;
      // A thumbnail that cannot be signed (a malformed key) leaves the row without one, never the queue empty.
      const posterUrl = typeof r.poster_key === 'string' ? await Promise.resolve(r.poster_key).then(signMedia).catch(() => null) : null;
      return { ...row, posterUrl };
    }),
  );
  return { ...page, rows };
}
