import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GCSStore } from '@tus/gcs-store';
import { GcsStorage } from '@ajimi/core/providers/storage/gcs-storage';
import { uploadObjectName, uploadObjectsBucket } from '@ajimi/core/providers/storage/upload-objects';
import { FileStore } from '@tus/file-store';
import { Server, type Upload } from '@tus/server';
import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '@ajimi/core/errors';
import type { StorageProvider } from '@ajimi/core/providers/storage/storage-provider';
import type { JobQueue } from '@ajimi/core/queue/job-queue';
import { storeFinishedUpload, UPLOAD_KINDS } from '@ajimi/core/services/uploads/store-upload';
import { checkStorageQuota } from '@ajimi/core/services/uploads/storage-quota';
import { admitUpload } from '@ajimi/core/services/uploads/admit-upload';
import { queueLiveSignals } from '@ajimi/core/services/uploads/queue-live-signals';
import { requireRole } from '../http/authenticate';

export const MAX_VIDEO_BYTES = 4 * 1024 ** 3; // 4 GB
export const MAX_MEMO_BYTES = 100 * 1024 ** 2;
const USER_HEADER = 'x-ajimi-upload-user'; // set by us after authentication, never trusted from the client

const metadataSchema = z.object({
  sessionId: z.uuid(),
  kind: z.enum(UPLOAD_KINDS),
  filename: z.string().max(255).nullish(),
  filetype: z.string().max(100).nullish(),
});

class UploadRefused extends Error {
  constructor(
    readonly status_code: number,
    readonly body: string,
  ) {
    super(body);
  }
}

function refuse(status: number, code: string, message: string): UploadRefused {
  return new UploadRefused(status, JSON.stringify({ error: { code, message } }));
}

/** The tus store's "no such upload" (404) and "no longer exists" (410): the part was moved or removed. */
function isUploadGone(err: unknown): boolean {
  const status = (err as { status_code?: unknown } | null)?.status_code;
  return status === 404 || status === 410;
}

/**
 * Resumable uploads (tus 1.0) at /api/uploads. A phone on a flaky network resumes where it
 * stopped. Upload ids start with the owner's id, so every later request is checked against it.
 */
export function uploadRoutes(deps: {
  knex: Knex;
  storage: StorageProvider;
  storageDriver: string;
  queue: JobQueue;
  uploadDir: string;
  logger: Logger;
  /** PUBLIC_URL when configured: the upload's Location is built from it, never from request headers. */
  publicUrl?: string | undefined;
  /** Per-cook storage quota in bytes (videos and memos kept). */
  quotaBytesPerUser?: number | undefined;
}): Router {
  // Local: parts on disk; GCS: parts in the bucket under tus/, so any API instance can resume any upload.
  const gcs = deps.storage instanceof GcsStorage ? deps.storage : null;
  const datastore = gcs
    ? new GCSStore({ bucket: uploadObjectsBucket(gcs.bucketHandle) })
    : new FileStore({ directory: deps.uploadDir, expirationPeriodInMilliseconds: 7 * 24 * 3600_000 });
  const openUpload = (id: string) => (gcs ? gcs.bucketHandle.file(uploadObjectName(id)).createReadStream() : fs.createReadStream(path.join(deps.uploadDir, id)));
  // @tus/gcs-store has no remove(): the upload object is deleted here.
  const removePart = (id: string) =>
    (gcs ? gcs.deleteUploadObject(uploadObjectName(id)) : datastore.remove(id)).catch((err: unknown) =>
      deps.logger.warn({ err, uploadId: id }, 'could not remove a finished upload part'),
    );
  const tus = new Server({
    path: '/api/uploads',
    datastore,
    // X-Forwarded-Host would let a client choose the host in Location; PUBLIC_URL (or a relative path) instead.
    respectForwardedHeaders: false,
    generateUrl: (_req, { path: base, id }) => `${deps.publicUrl ?? ''}${base}/${id}`,
    maxSize: MAX_VIDEO_BYTES,
    namingFunction: (req) => `${req.headers.get(USER_HEADER)}_${randomUUID()}`,
    async onIncomingRequest(req, uploadId) {
      if (req.method !== 'POST' && !uploadId.startsWith(`${req.headers.get(USER_HEADER)}_`)) {
        throw refuse(404, 'not_found', 'Upload not found.');
      }
    },
    async onUploadCreate(req, upload) {
      const meta = metadataSchema.safeParse(upload.metadata ?? {});
      if (!meta.success) throw refuse(400, 'validation_failed', 'Upload metadata needs sessionId (uuid) and kind (source_video or voice_memo).');
      // Cook Cam films and uploads at once (tus creation-defer-length): the video's size arrives with its last PATCH.
      if (upload.size === undefined && meta.data.kind !== 'source_video') throw refuse(400, 'length_required', 'The upload size must be known up front.');
      const limit = meta.data.kind === 'source_video' ? MAX_VIDEO_BYTES : MAX_MEMO_BYTES;
      if (upload.size !== undefined && upload.size > limit) throw refuse(413, 'too_large', `This file is larger than ${limit / 1024 ** 2} MB.`);
      if (upload.size === 0) throw refuse(400, 'empty_file', 'The file is empty.');
      if (deps.quotaBytesPerUser) {
        // A Cook Cam upload's size is not known yet: at least the cook must not be over quota already.
        const quota = await checkStorageQuota(deps.knex, req.headers.get(USER_HEADER) as string, upload.size ?? 0, deps.quotaBytesPerUser);
        if (!quota.ok) throw refuse(413, 'storage_quota_exceeded', quota.message);
      }
      const admission = await admitUpload(deps.knex, { userId: req.headers.get(USER_HEADER) ?? '', sessionId: meta.data.sessionId, kind: meta.data.kind });
      if (!admission.ok) throw refuse(admission.status, admission.code, admission.message);
      return { metadata: upload.metadata };
    },
    async onUploadFinish(req, upload: Upload) {
      const meta = metadataSchema.parse(upload.metadata ?? {});
      try {
        await storeFinishedUpload(deps, {
          id: upload.id,
          open: () => openUpload(upload.id),
          // GCS: the finished upload is copied inside the bucket (no 4 GB stream back through the API).
          ...(gcs
            ? { storeAt: (key: string, contentType: string) => gcs.adoptUploadObject(uploadObjectName(upload.id), key, { contentType, expectedSize: upload.size ?? 0 }) }
            : {}),
          userId: req.headers.get(USER_HEADER) as string,
          sessionId: meta.sessionId,
          kind: meta.kind,
          filename: meta.filename ?? null,
          contentType: meta.filetype ?? null,
          size: upload.size ?? 0,
        });
      } catch (err) {
        if (err instanceof AppError && err.status < 500) {
          // The session went while the file arrived: nothing will ever use these bytes.
          await removePart(upload.id);
          throw refuse(err.status, err.code, err.message);
        }
        deps.logger.error({ err, uploadId: upload.id }, 'storing a finished upload failed');
        throw refuse(503, 'storage_unavailable', 'The upload arrived but could not be stored. Try again in a moment.');
      }
      // Stored: the assembled upload is a second copy of the video; without this every video stays on disk twice.
      await removePart(upload.id);
      return {};
    },
    async onResponseError(_req, err) {
      if (err instanceof UploadRefused) return { status_code: err.status_code, body: err.body };
      return undefined;
    },
  });

  // Uploads abandoned for a week (the cook never came back) are swept hourly; GCS expires parts by bucket rule.
  if (!gcs) {
    const sweep = setInterval(() => {
      tus
        .cleanUpExpiredUploads()
        .then((n) => n && deps.logger.info({ removed: n }, 'removed expired unfinished uploads'))
        .catch((err: unknown) => deps.logger.warn({ err }, 'expired upload sweep failed'));
    }, 3600_000);
    sweep.unref();
  }

  const router = Router();
  router.use(requireRole('learner'), (req: Request, res) => {
    // tus reads rawHeaders: drop whatever the client sent under our header, then add the real user.
    const raw: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (req.rawHeaders[i]?.toLowerCase() !== USER_HEADER) raw.push(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
    }
    raw.push(USER_HEADER, req.user?.id as string);
    req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
    req.headers[USER_HEADER] = req.user?.id;
    if (!gcs && req.method === 'PATCH') {
      // Cook Cam: a stored chunk of a video still being filmed lets the worker measure it (live-signals).
      const id = decodeURIComponent(req.originalUrl.split('?')[0]?.split('/').pop() ?? '');
      res.once('finish', () => {
        if (res.statusCode !== 204 || !id) return;
        datastore
          .getUpload(id)
          // An upload whose length is known (every finished one) is not queued: the ingest measures all of it.
          .then((upload) => queueLiveSignals(deps.queue, upload))
          .catch((err: unknown) => {
            // The last PATCH finished the upload and its part was moved into storage (or the cook cancelled it).
            if (isUploadGone(err)) return;
            deps.logger.warn({ err, uploadId: id }, 'could not queue live signals');
          });
      });
    }
    void tus.handle(req, res);
  });
  return router;
}
