import { insertAssetOnce } from '../../data/media-assets';
import fs from 'node:fs';
import type { Knex } from 'knex';
import { buildStorageKey } from '../../providers/storage/storage-key';
import type { StorageProvider } from '../../providers/storage/storage-provider';

/**
 * A UUID (version 8, RFC variant) made from a content hash, so the same bytes always land under
 * the same storage key: stored once, never duplicated per preview.
 */
export function uuidFromHash(hex: string): string {
  if (!/^[0-9a-f]{32,}$/i.test(hex)) throw new Error('uuidFromHash: need at least 32 hex characters');
  const h = hex.slice(0, 32).toLowerCase().split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

// Keys this process already knows are stored: a preview typed keystroke by keystroke re-sends
// mostly the same lines.
const known = new Set<string>();
const KNOWN_MAX = 20_000;

/**
 * Copies a local WAV (the TTS cache or the synthesised music) into storage under the session, at
 * a key derived from its content hash, once; recorded as a tts_audio media asset of the cook so it
 * goes with the session. Returns the storage key.
 */
export async function publishPreviewAudio(
  deps: { knex: Knex; storage: StorageProvider },
  owner: { sessionId: string; userId: string },
  contentHash: string,
  localPath: string,
): Promise<string> {
  const key = buildStorageKey({ sessionId: owner.sessionId, kind: 'tts', fileId: uuidFromHash(contentHash), ext: 'wav' });
  if (known.has(key)) return key;
  if (!(await deps.storage.stat(key))) {
    const put = await deps.storage.put(key, fs.createReadStream(localPath), { contentType: 'audio/wav' });
    await insertAssetOnce(deps.knex, {
      owner_user_id: owner.userId,
      session_id: owner.sessionId,
      kind: 'tts_audio',
      storage_driver: deps.storage.driver,
      storage_key: key,
      content_type: 'audio/wav',
      size_bytes: put.size,
      checksum_sha256: put.checksumSha256,
    });
  }
  if (known.size >= KNOWN_MAX) known.clear();
  known.add(key);
  return key;
}
