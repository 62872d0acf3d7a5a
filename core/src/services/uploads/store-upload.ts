import { assetIdByKey, insertAssetOnce } from '../../data/media-assets';
import { lockCookSession, markSessionUploaded } from '../../data/cooking-sessions';
import type { Readable } from 'node:stream';
import path from 'node:path';
import type { Knex } from 'knex';
import { acceptsNewVideo } from '../sessions/accepts-new-video';
import { NotFoundError } from '../../errors';
import { contentTypeForKey, DEFAULT_CONTENT_TYPE } from '../../providers/storage/content-type';
import type { StorageProvider } from '../../providers/storage/storage-provider';
import type { JobQueue } from '../../queue/job-queue';
import { retireOlderMemos } from './storage-quota';

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

// Control, line-separator and bidirectional-override characters: a name is shown, never obeyed.
// eslint-disable-next-line no-control-regex
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The client's file name as we keep it: its last path segment, without characters that could mislead a reader. */
export function cleanFilename(filename: string | null | undefined): string | null {
  const base = (filename ?? '').replace(UNSAFE_NAME_CHARS, '').split(/[\\/]/).pop()?.trim() ?? '';
  return base && base !== '.' && base !== '..' ? base.slice(0, 255) : null;
}

const CLIENT_TYPE: Record<UploadKind, RegExp> = { source_video: /^video\/[\w.+-]{1,80}$/, voice_memo: /^(audio|video)\/[\w.+-]{1,80}$/ };

/**
 * The content type stored (and later served): implied by the extension we stored under; else the
 * client's claim only when it is a well-formed type of the right family (never text/html or a
 * header-splitting string: this is what a browser is told when it plays the file).
 */
export function storedContentType(kind: UploadKind, key: string, claimed: string | null | undefined): string {
  const byExtension = contentTypeForKey(key);
  if (byExtension !== DEFAULT_CONTENT_TYPE) return byExtension;
  const type = (claimed ?? '').trim().toLowerCase();
  return CLIENT_TYPE[kind].test(type) ? type : DEFAULT_CONTENT_TYPE;
}

/**
 * A finished resumable upload becomes a stored media asset; a source video also moves the session
 * to "uploaded" and queues ingest. Idempotent: the asset's key comes from the upload id, so a
 * repeated completion callback stores nothing twice and queues nothing twice.
 */
export async function storeFinishedUpload(
  deps: { knex: Knex; storage: StorageProvider; storageDriver: string; queue: JobQueue },
  upload: {
    id: string;
    open: () => Readable;
    /** Stores the upload at `key` without streaming it through here (GCS: a server-side copy); else `open` is streamed to storage.put. */
    storeAt?: (key: string, contentType: string) => Promise<{ size: number; checksumSha256: string | null }>;
    userId: string;
    sessionId: string;
    kind: UploadKind;
    filename: string | null;
    contentType: string | null;
    size: number;
  },
): Promise<{ assetId: string }> {
  const key = `sessions/${upload.sessionId}/${upload.kind === 'source_video' ? 'source-video' : 'voice-memo'}/${upload.id.slice(-36)}.${storedExtension(upload.kind, upload.filename)}`;
  const contentType = storedContentType(upload.kind, key, upload.contentType);
  const existing = await assetIdByKey(deps.knex, key);
  let stored: { size: number; checksumSha256: string | null } | null = null;
  if (!existing) stored = upload.storeAt ? await upload.storeAt(key, contentType) : await deps.storage.put(key, upload.open(), { contentType });

  // The asset row and the session's move to "uploaded" commit together, with the session locked:
  // a cook cancelling the session at this moment either happens first (nothing is kept) or is refused.
  const outcome = await deps.knex.transaction(async (trx) => {
    const session = await lockCookSession(trx, upload.sessionId, upload.userId);
    if (!session) return null;
    let assetId = existing;
    if (!assetId && stored) {
      await insertAssetOnce(trx, {
        owner_user_id: upload.userId,
        session_id: upload.sessionId,
        kind: upload.kind,
        storage_driver: deps.storageDriver,
        storage_key: key,
        content_type: contentType,
        size_bytes: stored.size,
        checksum_sha256: stored.checksumSha256,
        original_filename: cleanFilename(upload.filename),
      });
      assetId = await assetIdByKey(trx, key);
    }
    const replacedMemos = upload.kind === 'voice_memo' ? await retireOlderMemos(trx, upload.sessionId, assetId as string) : [];
    let status: string = session.status;
    if (upload.kind === 'source_video' && acceptsNewVideo(session)) {
      // A newer video replaces an earlier one only while nothing has been made from it yet, or
      // after the earlier file was rejected (the same session takes another file).
      await markSessionUploaded(trx, upload.sessionId);
      status = 'uploaded';
    }
    return { assetId: assetId as string, status, replacedMemos };
  });
  if (!outcome) {
    // The session went (cancelled) while the file arrived: keep nothing of it.
    if (stored) await deps.storage.delete(key).catch(() => undefined);
    throw new NotFoundError('Session');
  }
  // The memos this one replaced: their bytes go (best effort; the rows are already marked deleted).
  for (const old of outcome.replacedMemos) await deps.storage.delete(old).catch(() => undefined);
  if (upload.kind === 'source_video' && outcome.status === 'uploaded') {
    await deps.queue.send('ingest', { sessionId: upload.sessionId }, { singletonKey: upload.sessionId });
  }
  return { assetId: outcome.assetId };
}
