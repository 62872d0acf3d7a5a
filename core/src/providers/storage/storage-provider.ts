import type { Readable } from 'node:stream';

/**
 * The contract every storage backend (local disk, Google Cloud Storage) implements.
 *
 * Keys are always built by the app with `buildStorageKey` / `newStorageKey` (storage-key.ts),
 * never taken from user input; every backend re-validates them before use.
 */
export interface StorageProvider {
  readonly driver: StorageDriver;

  /**
   * Stores `body` under `key`, replacing any previous object. The object becomes visible only
   * when the write has fully succeeded (no partial objects). A Buffer body may be retried by the
   * backend on transient faults; a stream body is consumed once.
   */
  put(key: string, body: Buffer | Readable, options: PutOptions): Promise<PutResult>;

  /**
   * Streams the object (or an inclusive byte range of it). Throws `StorageError('invalid_key' |
   * 'invalid_range')` synchronously; a missing object surfaces as a stream error
   * `StorageError('not_found')` before any data is emitted.
   */
  createReadStream(key: string, range?: ByteRange): Readable;

  /** Object metadata, or `null` when there is no object under `key`. */
  stat(key: string): Promise<StoredObjectInfo | null>;

  /** Removes the object. Idempotent: deleting a missing object succeeds. */
  delete(key: string): Promise<void>;

  /** A URL that lets its holder GET the object until it expires (HTTP Range supported). */
  signedUrl(key: string, options: SignedUrlOptions): Promise<string>;
}

export type StorageDriver = 'local' | 'gcs';

export interface PutOptions {
  /** MIME type stored with the object and served back, e.g. 'video/mp4'. */
  contentType: string;
  /** Reject (StorageError 'too_large') and store nothing when the body exceeds this many bytes. */
  maxBytes?: number;
}

export interface PutResult {
  /** Bytes written. */
  size: number;
  /** Lower-case hex SHA-256 of the bytes written, computed while streaming. */
  checksumSha256: string;
}

/** Inclusive byte offsets, as in `fs.createReadStream`. Omitted `end` means "to the end". */
export interface ByteRange {
  start?: number;
  end?: number;
}

export interface StoredObjectInfo {
  size: number;
  contentType: string;
  updatedAt: Date;
  /** Hex SHA-256 when the backend recorded it at write time (local: always; GCS: Buffer puts). */
  checksumSha256?: string;
}

export type ContentDispositionType = 'inline' | 'attachment';

export interface SignedUrlOptions {
  /** Lifetime in whole seconds, 1 s … 7 days (the V4 signing limit, applied to every backend). */
  expiresInSeconds: number;
  /** Sent back as the Content-Disposition type. Defaults to 'inline' when only `filename` is set. */
  disposition?: ContentDispositionType;
  /** File name suggested to the browser (any Unicode; sanitised when the header is built). */
  filename?: string;
}

export const MAX_SIGNED_URL_SECONDS = 7 * 24 * 60 * 60;

export type StorageErrorCode =
  | 'invalid_key'
  | 'invalid_range'
  | 'invalid_argument'
  | 'not_found'
  | 'too_large'
  | 'disk_full'
  | 'permission_denied'
  | 'rate_limited'
  | 'unavailable'
  | 'checksum_mismatch'
  | 'write_failed'
  | 'read_failed';

/** The only error type storage backends throw (or emit on their streams). */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly code: StorageErrorCode;
  readonly key: string | undefined;

  constructor(code: StorageErrorCode, message: string, options: { key?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.key = options.key;
  }

  /** True for faults worth retrying later (the job queue decides when). */
  get retryable(): boolean {
    return this.code === 'rate_limited' || this.code === 'unavailable';
  }
}

export function isStorageError(err: unknown, code?: StorageErrorCode): err is StorageError {
  return err instanceof StorageError && (code === undefined || err.code === code);
}

/** Shared argument checks so both backends reject the same inputs the same way. */
export function assertValidSignedUrlOptions(options: SignedUrlOptions): void {
  const { expiresInSeconds, disposition, filename } = options;
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_SIGNED_URL_SECONDS) {
    throw new StorageError(
      'invalid_argument',
      `expiresInSeconds must be an integer between 1 and ${MAX_SIGNED_URL_SECONDS}`,
    );
  }
  if (disposition !== undefined && disposition !== 'inline' && disposition !== 'attachment') {
    throw new StorageError('invalid_argument', "disposition must be 'inline' or 'attachment'");
  }
  if (filename !== undefined && (filename.length === 0 || filename.length > 255)) {
    throw new StorageError('invalid_argument', 'filename must be 1-255 characters');
  }
}

export function assertValidRange(range: ByteRange | undefined, key: string): void {
  if (!range) return;
  const { start, end } = range;
  const ok = (n: number | undefined) => n === undefined || (Number.isSafeInteger(n) && n >= 0);
  if (!ok(start) || !ok(end) || (start !== undefined && end !== undefined && end < start)) {
    throw new StorageError('invalid_range', `invalid byte range ${JSON.stringify(range)}`, { key });
  }
}

/** type/subtype with optional parameters (`audio/webm; codecs=opus`); no control characters. */
// eslint-disable-next-line no-control-regex
const CONTENT_TYPE_PATTERN = /^[\w.+-]+\/[\w.+-]+(?:[ \t]*;[ \t]*[\w.+-]+=(?:[\w.+-]+|"[^"\\\x00-\x1f\x7f]*"))*$/;

export function assertValidPutOptions(options: PutOptions, key: string): void {
  if (typeof options.contentType !== 'string' || !CONTENT_TYPE_PATTERN.test(options.contentType)) {
    throw new StorageError('invalid_argument', `invalid contentType ${JSON.stringify(options.contentType)}`, { key });
  }
  if (options.maxBytes !== undefined && (!Number.isSafeInteger(options.maxBytes) || options.maxBytes < 0)) {
    throw new StorageError('invalid_argument', 'maxBytes must be a non-negative integer', { key });
  }
}
