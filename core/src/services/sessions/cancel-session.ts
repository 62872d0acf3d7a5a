import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '../../errors';
import type { StorageProvider } from '../../providers/storage/storage-provider';

/**
 * A cook cancels a session before its video has arrived: the session and anything already stored
 * for it (a voice memo) go, so the next session of the dish takes its number. Once the video is
 * in, the pipeline owns the session and cancelling is refused.
 */
export async function cancelCookingSession(deps: { knex: Knex; storage: StorageProvider }, userId: string, sessionId: string): Promise<void> {
  const { knex } = deps;
  const session = await knex('cooking_sessions').where({ id: sessionId, user_id: userId }).whereNull('deleted_at').first('status');
  if (!session) throw new NotFoundError('Session');
  if (session.status !== 'created') throw new ConflictError('The video of this session has already arrived; it can no longer be cancelled.', 'already_uploaded');
  const keys: string[] = await knex('media_assets').where({ session_id: sessionId }).pluck('storage_key');
  // The status check and the delete are one statement, so a video finishing right now wins.
  const deleted = await knex('cooking_sessions').where({ id: sessionId, user_id: userId, status: 'created' }).delete();
  if (!deleted) throw new ConflictError('The video of this session has already arrived; it can no longer be cancelled.', 'already_uploaded');
  for (const key of keys) await deps.storage.delete(key).catch(() => undefined); // best effort: the rows are gone either way
}
