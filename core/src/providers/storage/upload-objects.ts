import type { Bucket } from '@google-cloud/storage';
import { StorageError } from './storage-provider';

/** Every resumable-upload object lives under this prefix, apart from the stored media (sessions/…). */
export const UPLOAD_OBJECT_PREFIX = 'tus/';

export function uploadObjectName(uploadId: string): string {
  return `${UPLOAD_OBJECT_PREFIX}${uploadId}`;
}

export function assertUploadObjectName(name: string): void {
  if (!name.startsWith(UPLOAD_OBJECT_PREFIX) || name.length <= UPLOAD_OBJECT_PREFIX.length || name.includes('..') || /[\r\n]/.test(name)) {
    throw new StorageError('invalid_argument', `not an upload object name: ${JSON.stringify(name.slice(0, 80))}`);
  }
}

/**
 * The bucket as @tus/gcs-store should see it: every object it names (the upload, its `_patch`
 * parts) is placed under `tus/`, so a lifecycle rule can expire abandoned uploads by prefix and
 * nothing lands at the bucket root. Everything else is the SDK's own Bucket.
 */
export function uploadObjectsBucket(bucket: Bucket): Bucket {
  const view = Object.create(bucket) as Bucket;
  view.file = ((name: string, options?: Parameters<Bucket['file']>[1]) => bucket.file(uploadObjectName(name), options)) as Bucket['file'];
  return view;
}
