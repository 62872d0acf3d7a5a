import type { Readable } from 'node:stream';
import path from 'node:path';
import type { Knex } from 'knex';
import type { StorageProvider } from '../../providers/storage/storage-provider';
import type { JobQueue } from '../../queue/job-queue';
import { failSession } from '../sessions/cooking-sessions';

export const UPLOAD_KINDS = ['source_video', 'voice_memo'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

const EXTENSIONS: Record<UploadKind, RegExp> = {
  source_video: /\.(mp4|mov|m4v|webm|mkv|3gp|avi)$/i,
  voice_memo: /\.(webm|ogg|oga|m4a|mp4|aac|mp3|wav|caf)$/i,
};

/** The extension we store under: from the client's file name when it is a known one, else a neutral one. */
export function storedExtension(kind: UploadKind, filename: string | null | undefined): string {
  const ext = path.extname(filename ?? '').toLowerCase();
  if (ext && EXTENSIONS[kind].test(ext)) return ext.slice(1);
  return kind === 'source_video' ? 'bin' : 'audio';
}

/**
 * A finished resumable upload becomes a stored media asset; a source video also moves the session
 * to "uploaded" and queues ingest. Idempotent: the asset's key comes from the upload id, so a
 * repeated completion callback stores nothing twice and queues nothing twice.
 */
export async function storeFinishedUpload(
  deps: { knex: Knex; storage: StorageProvider; storageDriver: string; queue: JobQueue },
  upload: { id: string; open: () => Readable; userId: string; sessionId: string; kind: UploadKind; filename: string | null; contentType: string | null; size: number },
): Promise<{ assetId: string }> {
  const key = `sessions/${upload.sessionId}/${upload.kind === 'source_video' ? 'source-video' : 'voice-memo'}/${upload.id.slice(-36)}.${storedExtension(upload.kind, upload.filename)}`;
  const existing = await deps.knex('media_assets').where({ storage_key: key }).first('id');
  let assetId = existing?.id as string | undefined;
  if (!assetId) {
    const stored = await deps.storage.put(key, upload.open(), {
      contentType: upload.contentType ?? 'application/octet-stream',
    });
    const [row] = await deps.knex('media_assets')
      .insert({
        owner_user_id: upload.userId,
        session_id: upload.sessionId,
        kind: upload.kind,
        storage_driver: deps.storageDriver,
        storage_key: key,
        content_type: upload.contentType,
        size_bytes: stored.size,
        checksum_sha256: stored.checksumSha256,
        original_filename: upload.filename?.slice(0, 255) ?? null,
      })
      .onConflict('storage_key')
      .ignore()
      .returning('id');
    assetId = (row?.id ?? (await deps.knex('media_assets').where({ storage_key: key }).first('id')).id) as string;
  }
  if (upload.kind === 'source_video') {
    // A newer video replaces an earlier one only while nothing has been made from it yet.
    await deps.knex('cooking_sessions')
      .where({ id: upload.sessionId })
      .whereIn('status', ['created', 'uploaded'])
      .update({ status: 'uploaded', uploaded_at: deps.knex.fn.now(), updated_at: deps.knex.fn.now() });
    const session = await deps.knex('cooking_sessions').where({ id: upload.sessionId }).first('status');
    if (session?.status === 'uploaded') await deps.queue.send('ingest', { sessionId: upload.sessionId }, { singletonKey: upload.sessionId });
  }
  return { assetId };
}

/** An upload the server cannot take in (storage failed for good): the session says why. */
export async function rejectUpload(knex: Knex, sessionId: string, reason: string): Promise<void> {
  await failSession(knex, sessionId, 'upload', reason);
}
