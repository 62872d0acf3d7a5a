import fs from 'node:fs';
import type { Knex } from 'knex';
import { deleteAssetByKey, insertAsset } from '../../../data/media-assets';
import { newStorageKey } from '../../../providers/storage/storage-key';
import type { StorageProvider } from '../../../providers/storage/storage-provider';

const ASSET = {
  render: { ext: 'mp4', type: 'video/mp4' },
  poster: { ext: 'jpg', type: 'image/jpeg' },
} as const;

/** Puts a rendered file (the video or its poster) into storage and records it as the session's asset. */
export async function storeRenderAsset(
  deps: { knex: Knex; storage: StorageProvider },
  owner: { sessionId: string; ownerUserId: string },
  kind: keyof typeof ASSET,
  file: string,
  meta: Record<string, unknown>,
): Promise<{ id: string; key: string }> {
  const key = newStorageKey(owner.sessionId, kind, ASSET[kind].ext);
  const put = await deps.storage.put(key, fs.createReadStream(file), { contentType: ASSET[kind].type });
  const id = await insertAsset(deps.knex, {
    owner_user_id: owner.ownerUserId,
    session_id: owner.sessionId,
    kind,
    storage_driver: deps.storage.driver,
    storage_key: key,
    content_type: ASSET[kind].type,
    size_bytes: put.size,
    checksum_sha256: put.checksumSha256,
    probe: meta,
  });
  return { id, key };
}

/** Removes stored render files and their rows (a render that lost to a newer one, or failed late). */
export async function removeRenderAssets(deps: { knex: Knex; storage: StorageProvider }, assets: Array<{ key: string }>): Promise<void> {
  for (const a of assets) {
    await deps.storage.delete(a.key);
    await deleteAssetByKey(deps.knex, a.key);
  }
}
