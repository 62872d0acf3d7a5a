import { deleteSession, lockCookSession } from '../../data/cooking-sessions';
import { sessionStorageKeys } from '../../data/media-assets';
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
  // Locked like storeFinishedUpload locks it: a memo or video landing now either commits its row
  // first (and we delete its file below) or finds the session gone (and deletes its own file).
  const keys = await knex.transaction(async (trx) => {
    const session = await lockCookSession(trx, sessionId, userId);
    if (!session) throw new NotFoundError('Session');
    if (session.status !== 'created') throw new ConflictError('The video of this session has already arrived; it can no longer be cancelled.', 'already_uploaded');
    const stored = await sessionStorageKeys(trx, sessionId);
    await deleteSession(trx, sessionId);
    return stored;
  });
  for (const key of keys) await deps.storage.delete(key).catch(() => undefined); // best effort: the rows are gone either way
}
