/**
 * What makes a diagnosis "low confidence" in the review queue. The queue reads it from
 * review_items.low_confidence, kept by the triggers of migration 20261206400000 (its
 * review_low_confidence function holds this threshold too: changing it needs a migration that
 * redefines that function; core/src/data/review-queue-page.integration.test.ts checks they agree).
 */

/** Below this confidence a diagnosis is "low confidence": the queue lists it first (after needs-coach). */
export const LOW_CONFIDENCE = 0.6;
