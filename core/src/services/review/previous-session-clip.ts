import { workspaceMedia } from '../../data/media-assets';
import { previousCoachableSession } from '../../data/previous-sessions';
import type { ReviewDeps } from './review-deps';
import { getReviewRow } from './review-items';

export interface PreviousSessionClip {
  session: { id: string; attemptNumber: number; createdAt: string };
  video: { url: string; durationSec: number | null; posterUrl: string | null };
  /** The clip to play beside this one: the coach's last choice, else the analysis' best moment. */
  keyMoment: { start: number; end: number } | null;
  diagnosis: { code: string; problem: { ja: string; en: string } } | null;
}

const isClip = (v: unknown): v is { start: number; end: number } =>
  typeof v === 'object' && v !== null && typeof (v as { start: unknown }).start === 'number' && typeof (v as { end: unknown }).end === 'number' && (v as { end: number }).end > (v as { start: number }).start;

/**
 * Issue 16: the same cook's previous coachable session of the same dish, with its key-moment clip
 * and a signed video URL, for a side-by-side with this item. null when there is none (first
 * session, or the earlier ones could not be coached or have no video).
 */
export async function getPreviousSessionClip(deps: ReviewDeps, reviewId: string): Promise<PreviousSessionClip | null> {
  const row = await getReviewRow(deps.knex, reviewId, deps.settings);
  const previous = await previousCoachableSession(deps.knex, { userId: row.cook.id, dishId: row.dish.id, attemptNumber: row.attemptNumber, excludeId: row.sessionId });
  if (!previous) return null;
  const assets = await workspaceMedia(deps.knex, previous.id);
  const video = assets.find((a) => a.kind === 'proxy') ?? assets.find((a) => a.kind === 'source_video');
  if (!video) return null;
  const poster = assets.find((a) => a.kind === 'poster');
  const sign = (key: string) => deps.storage.signedUrl(key, { expiresInSeconds: deps.mediaUrlTtlSeconds });
  const result = previous.result as { keyMoments?: unknown[]; diagnosis?: { code?: unknown; problem?: unknown } | null };
  const best = result.keyMoments?.[0];
  const diagnosis = result.diagnosis;
  const problem = diagnosis?.problem as { ja?: unknown; en?: unknown } | undefined;
  return {
    session: { id: previous.id, attemptNumber: previous.attempt_number, createdAt: new Date(previous.created_at).toISOString() },
    video: { url: await sign(video.storage_key), durationSec: (video.probe as { durationSec?: number } | null)?.durationSec ?? null, posterUrl: poster ? await sign(poster.storage_key) : null },
    keyMoment: isClip(previous.key_moment) ? { start: previous.key_moment.start, end: previous.key_moment.end } : isClip(best) ? { start: best.start, end: best.end } : null,
    diagnosis:
      diagnosis && typeof diagnosis.code === 'string' && typeof problem?.ja === 'string' && typeof problem.en === 'string'
        ? { code: diagnosis.code, problem: { ja: problem.ja, en: problem.en } }
        : null,
  };
}
