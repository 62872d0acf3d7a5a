import { ownPosterKeys } from '../../data/media-assets';
import type { Knex } from 'knex';
import type { StorageProvider } from '../../providers/storage/storage-provider';

export const POSTER_TTL_SECONDS = 30 * 60;

/**
 * Signed URLs of the posters made from the cook's own uploads (prepare-media), by session id.
 * Only the cook's sessions are looked at; render posters (the coaching video's) are left out.
 */
export async function sessionPosters(knex: Knex, storage: StorageProvider, userId: string, sessionIds: string[]): Promise<Map<string, string>> {
  if (!sessionIds.length) return new Map();
  const posters = new Map<string, string>();
  for (const [sessionId, key] of await ownPosterKeys(knex, userId, sessionIds)) {
    posters.set(sessionId, await storage.signedUrl(key, { expiresInSeconds: POSTER_TTL_SECONDS }));
  }
  return posters;
}
