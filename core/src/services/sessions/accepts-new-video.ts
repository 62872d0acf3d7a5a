import { isPermanentMediaErrorCode } from '../../media/media-error';

/**
 * Whether a session takes a (new) source video: before anything was made from the last one, or
 * after the server rejected the cook's file itself (not a video, corrupt, ...): the cook chooses
 * another file for the same session, so no session number is used up.
 */
export function acceptsNewVideo(session: { status: string; failed_stage?: string | null; failure_code?: string | null }): boolean {
  if (session.status === 'created' || session.status === 'uploaded') return true;
  return session.status === 'failed' && session.failed_stage === 'ingest' && isPermanentMediaErrorCode(session.failure_code);
}
