import type { Knex } from 'knex';
import type { StorageProvider } from '../../providers/storage/storage-provider';

export const POSTER_TTL_SECONDS = 30 * 60;

/**
 * Signed URLs of the posters made from the cook's own uploads (prepare-media), by session id.
 * Only the cook's sessions are looked at; render posters (the coaching video's) are left out.
 */
export async function sessionPosters(knex: Knex, storage: StorageProvider, userId: string, sessionIds: string[]): Promise<Map<string, string>> {
  if (!sessionIds.length) return new Map();
  const rows: Array<{ session_id: string; storage_key: string }> = await knex('media_assets as a')
    .join('cooking_sessions as s', 's.id', 'a.session_id')
    .whereIn('a.session_id', sessionIds)
    .where({ 's.user_id': userId, 'a.owner_user_id': userId, 'a.kind': 'poster' })
    .whereNull('a.deleted_at')
    .whereRaw("(a.probe->>'renderVersion') is null")
    .orderBy('a.created_at', 'desc')
    .select('a.session_id', 'a.storage_key');
  const posters = new Map<string, string>();
  for (const row of rows) {
    if (!posters.has(row.session_id)) posters.set(row.session_id, await storage.signedUrl(row.storage_key, { expiresInSeconds: POSTER_TTL_SECONDS }));
  }
  return posters;
}
