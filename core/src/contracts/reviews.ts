/** The wire types of /api/console/reviews (docs/api/console-reviews.md). */

export type ReviewStatus = 'pending' | 'in_review' | 'approved' | 'sent_back';
export type RenderStatus = 'queued' | 'rendering' | 'done' | 'failed' | 'superseded';

export interface Person {
  id: string;
  name: string;
}

export interface ReviewDish {
  id: string;
  slug: string;
  nameJa: string;
  nameEn: string;
}

export interface RenderSummary {
  id: string;
  version: number;
  status: RenderStatus;
  progress: number;
}

/** A row of GET /api/console/reviews. */
export interface ReviewRow {
  id: string;
  sessionId: string;
  status: ReviewStatus;
  dish: ReviewDish;
  cook: Person;
  attemptNumber: number;
  uploadedAt: string;
  createdAt: string;
  /** uploadedAt + the configured turnaround. */
  dueAt: string;
  turnaroundHours: number;
  assignee: Person | null;
  reservedUntil: string | null;
  render: RenderSummary | null;
  decision: { kind: 'approved' | 'sent_back'; reason: string | null; by: Person | null; at: string } | null;
  /** The analyzer could not coach this clip (issue 12): a coach must look; listed first. */
  needsCoach: boolean;
  /** The latest analysis's diagnosis (a finding code; the console labels it) and its confidence (0..1, null when not given). */
  diagnosis: { code: string; confidence: number | null } | null;
  /** The diagnosis's confidence is below the queue's threshold: listed right after needs-coach items. */
  lowConfidence: boolean;
  /** The queue's thumbnail (a signed URL of the session's poster frame); only in the list. */
  posterUrl?: string | null;
}

/** GET /api/console/reviews/stats?since=ISO: the calling coach's decisions since then (their day's start). */
export interface CoachReviewStats {
  since: string;
  reviewed: number;
  /** From the coach's claim of an item to their decision on it; null before the first decision. */
  medianSecondsPerItem: number | null;
}
