import { OPEN_STATUSES, type ReviewRow } from '../types';

/**
 * The item a chef moves on to after a decision: the first open item of the queue's own order
 * (needs-coach first, then oldest) that is not this one and that nobody else holds right now.
 */
export const pickNextItem = (rows: readonly ReviewRow[], currentId: string, myId: string | null, now: number): ReviewRow | null =>
  rows.find(
    (row) =>
      row.id !== currentId &&
      OPEN_STATUSES.includes(row.status) &&
      (row.assignee === null || row.assignee.id === myId || row.reservedUntil === null || Date.parse(row.reservedUntil) <= now),
  ) ?? null;
