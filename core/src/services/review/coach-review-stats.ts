import type { Knex } from 'knex';
import type { CoachReviewStats } from '../../contracts/reviews';
import { coachReviewStats } from '../../data/coach-review-stats';

/** The queue page's counter: how many items the coach decided since `since` (their day) and the median time per item. */
export async function getCoachReviewStats(knex: Knex, coachId: string, since: Date): Promise<CoachReviewStats> {
  const stats = await coachReviewStats(knex, coachId, since);
  return { since: since.toISOString(), reviewed: stats.reviewed, medianSecondsPerItem: stats.medianSec === null ? null : Math.round(stats.medianSec) };
}
