import type { Knex } from 'knex';
import { liveOwnSessionStatus } from '../../data/cooking-sessions';
import { acceptsNewVideo } from '../sessions/accepts-new-video';
import type { UploadKind } from './store-upload';

export type UploadAdmission = { ok: true } | { ok: false; status: 404 | 409; code: 'not_found' | 'already_processing'; message: string };

/**
 * Whether the cook may start an upload into the session: it must be theirs and live, and a video
 * only while none is being processed yet, or after the server rejected the cook's file itself
 * (a memo may follow at any time).
 */
export async function admitUpload(knex: Knex, input: { userId: string; sessionId: string; kind: UploadKind }): Promise<UploadAdmission> {
  const session = await liveOwnSessionStatus(knex, input.userId, input.sessionId);
  if (!session) return { ok: false, status: 404, code: 'not_found', message: 'Session not found.' };
  if (input.kind === 'source_video' && !acceptsNewVideo(session)) {
    return { ok: false, status: 409, code: 'already_processing', message: 'This session already has a video being processed.' };
  }
  return { ok: true };
}
