import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createByteMeter } from './byte-meter';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { IdempotencyStrategy, RETRYABLE_ERR_FN_DEFAULT, Storage } from '@google-cloud/storage';
import type { Bucket, CreateReadStreamOptions, GetSignedUrlConfig } from '@google-cloud/storage';
import { contentDispositionHeader } from './content-disposition';
import { contentTypeForKey } from './content-type';
import { assertValidStorageKey } from './storage-key';
import { assertUploadObjectName } from './upload-objects';
import {
  StorageError,
  assertValidPutOptions,
  assertValidRange,
  assertValidSignedUrlOptions,
} from './storage-provider';
import type {
  ByteRange,
  PutOptions,
  PutResult,
  SignedUrlOptions,
  StorageErrorCode,
  StorageProvider,
  StoredObjectInfo,
} from './storage-provider';

export interface GcsCredentials {
  client_email: string;
  /** PEM private key of the service account (literal "\n" sequences from env files are accepted). */
  private_key: string;
}

export interface GcsRetryOptions {
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** Exponential backoff base (default 2: ~1 s, 2 s, 4 s ...). */
  retryDelayMultiplier?: number;
  /** Upper bound of one backoff delay in seconds (default 64). */
  maxRetryDelaySeconds?: number;
  /** Give up retrying after this many seconds (default 600). */
  totalTimeoutSeconds?: number;
}

export interface GcsStorageOptions {
  bucket: string;
  projectId: string;
  /**
   * Service-account key. Unset: Application Default Credentials (the Cloud Run service account,
   * Workload Identity, or `gcloud auth application-default login`); V4 URLs are then signed through
   * the IAM signBlob API (https://cloud.google.com/storage/docs/access-control/signing-urls-with-helpers).
   */
  credentials?: GcsCredentials | undefined;
  /**
   * Alternative JSON/upload API origin, e.g. an emulator or a test stub ('http://127.0.0.1:4443').
   * The SDK does not authenticate requests to a custom endpoint unless `useAuthWithCustomEndpoint`.
   * Signed URLs then point at this origin too.
   */
  apiEndpoint?: string;
  useAuthWithCustomEndpoint?: boolean;
  retry?: GcsRetryOptions;
  /**
   * Deadline in ms for one stat() or delete() call, SDK retries included (default 60 s). On expiry
   * the call fails with StorageError('unavailable'). Enforced here because the SDK's own `timeout`
   * option is silently ignored on Node: teeny-request hands it to node-fetch 3, which dropped it
   * (googleapis/google-cloud-node#7998).
   */
  timeoutMs?: number;
  /** Clock used for signed URLs (tests). */
  now?: () => Date;
}

interface ResolvedRetry {
  maxRetries: number;
  retryDelayMultiplier: number;
  maxRetryDelaySeconds: number;
  totalTimeoutSeconds: number;
}

/**
 * Google Cloud Storage through @google-cloud/storage.
 *
 * - Uploads use a single multipart request (`resumable: false`): one round trip, no session state.
 *   The SDK never retries a streaming upload; Buffer bodies are retried here on transient faults
 *   (keys are unique per file, so re-sending the same bytes to the same key is idempotent).
 * - Reads, metadata and deletes are retried by the SDK. The client uses `RetryAlways` because the
 *   SDK's default ("retry deletes only with a generation precondition") would make deletes
 *   non-retryable, and our delete is idempotent (404 counts as success).
 * - Signed URLs are V4 (GOOG4-RSA-SHA256), signed locally with the service account key.
 */
export class GcsStorage implements StorageProvider {
  readonly driver = 'gcs' as const;
  readonly bucketName: string;
  readonly #storage: Storage;
  readonly #bucket: Bucket;

  /** The SDK's bucket, for the resumable-upload store (tus), which writes to it directly. */
  get bucketHandle(): Bucket {
    return this.#bucket;
  }
  readonly #retry: ResolvedRetry;
  readonly #now: () => Date;
  readonly #timeoutMs: number;

  constructor(options: GcsStorageOptions) {
    if (!options.bucket) throw new StorageError('invalid_argument', 'bucket is required');
    if (!options.projectId) throw new StorageError('invalid_argument', 'projectId is required');
    const { client_email, private_key } = options.credentials ?? {};
    if (options.credentials && (!client_email || !private_key)) {
      throw new StorageError('invalid_argument', 'credentials need both client_email and private_key (or leave them out for Application Default Credentials)');
    }
    this.#retry = {
      maxRetries: options.retry?.maxRetries ?? 3,
      retryDelayMultiplier: options.retry?.retryDelayMultiplier ?? 2,
      maxRetryDelaySeconds: options.retry?.maxRetryDelaySeconds ?? 64,
      totalTimeoutSeconds: options.retry?.totalTimeoutSeconds ?? 600,
    };
    this.#now = options.now ?? (() => new Date());
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.bucketName = options.bucket;
    this.#storage = new Storage({
      projectId: options.projectId,
      ...(client_email && private_key ? { credentials: { client_email, private_key: private_key.replace(/\\n/g, '\n') } } : {}),
      ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint.replace(/\/+$/, '') } : {}),
      ...(options.useAuthWithCustomEndpoint ? { useAuthWithCustomEndpoint: true } : {}),
      retryOptions: {
        autoRetry: this.#retry.maxRetries > 0,
        maxRetries: this.#retry.maxRetries,
        retryDelayMultiplier: this.#retry.retryDelayMultiplier,
        maxRetryDelay: this.#retry.maxRetryDelaySeconds,
        totalTimeout: this.#retry.totalTimeoutSeconds,
        idempotencyStrategy: IdempotencyStrategy.RetryAlways,
      },
    });
    this.#bucket = this.#storage.bucket(options.bucket);
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions): Promise<PutResult> {
    assertValidStorageKey(key);
    assertValidPutOptions(options, key);
    const { maxBytes, contentType } = options;

    if (Buffer.isBuffer(body)) {
      if (maxBytes !== undefined && body.length > maxBytes) {
        throw new StorageError('too_large', `object exceeds ${maxBytes} bytes`, { key });
      }
      const checksumSha256 = createHash('sha256').update(body).digest('hex');
      await this.#withRetry(key, () => this.#upload(key, [Readable.from([body])], contentType, checksumSha256));
      return { size: body.length, checksumSha256 };
    }

    // A stream is consumed once: no retry. The SHA-256 is only known at the end, so it is returned
    // to the caller (to store with the media row) rather than written into object metadata.
    const meter = createByteMeter(key, maxBytes);
    try {
      await this.#upload(key, [body, meter.stream], contentType);
    } catch (err) {
      throw toStorageError(err, 'write_failed', key);
    }
    return { size: meter.size(), checksumSha256: meter.sha256() };
  }

  createReadStream(key: string, range: ByteRange = {}): Readable {
    assertValidStorageKey(key);
    assertValidRange(range, key);
    const options: CreateReadStreamOptions = {};
    if (range.start !== undefined) options.start = range.start;
    if (range.end !== undefined) options.end = range.end;
    const source = this.#bucket.file(key).createReadStream(options);
    return Readable.from(relayErrors(source, key), { objectMode: false });
  }

  async stat(key: string): Promise<StoredObjectInfo | null> {
    assertValidStorageKey(key);
    try {
      const [metadata] = await this.#deadline('stat', key, this.#bucket.file(key).getMetadata());
      const sha256 = metadata.metadata?.['sha256'];
      const updated = metadata.updated ?? metadata.timeCreated;
      return {
        size: Number(metadata.size ?? 0),
        contentType: metadata.contentType || contentTypeForKey(key),
        updatedAt: updated ? new Date(updated) : new Date(0),
        ...(typeof sha256 === 'string' ? { checksumSha256: sha256 } : {}),
      };
    } catch (err) {
      const mapped = toStorageError(err, 'read_failed', key);
      if (mapped.code === 'not_found') return null;
      throw mapped;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidStorageKey(key);
    try {
      await this.#deadline('delete', key, this.#bucket.file(key).delete({ ignoreNotFound: true }));
    } catch (err) {
      const mapped = toStorageError(err, 'write_failed', key);
      if (mapped.code !== 'not_found') throw mapped;
    }
  }

  /**
   * Stores an object that is already in this bucket (a finished resumable upload under `tus/`)
   * at `key` with a server-side copy (objects.rewrite): the bytes never pass through this process,
   * and the SDK retries the call. The source stays; delete it with deleteUploadObject. The size is
   * checked against what the upload declared; GCS keeps its MD5/CRC32C, there is no SHA-256.
   */
  async adoptUploadObject(sourceName: string, key: string, options: { contentType: string; expectedSize?: number }): Promise<{ size: number; checksumSha256: null }> {
    assertValidStorageKey(key);
    assertUploadObjectName(sourceName);
    try {
      const [, response] = await this.#deadline(
        'copy',
        key,
        this.#bucket.file(sourceName).copy(this.#bucket.file(key), { contentType: options.contentType, metadata: {} }),
      );
      const size = Number((response as { resource?: { size?: string } } | undefined)?.resource?.size ?? NaN);
      const stored = Number.isFinite(size) ? size : Number((await this.#bucket.file(key).getMetadata())[0].size ?? 0);
      if (options.expectedSize !== undefined && stored !== options.expectedSize) {
        await this.delete(key);
        throw new StorageError('write_failed', `GCS copy of ${sourceName} has ${stored} bytes, expected ${options.expectedSize}`, { key });
      }
      return { size: stored, checksumSha256: null };
    } catch (err) {
      throw err instanceof StorageError ? err : toStorageError(err, 'write_failed', key);
    }
  }

  /** Deletes a resumable-upload object (under `tus/`); @tus/gcs-store has no remove of its own. */
  async deleteUploadObject(name: string): Promise<void> {
    assertUploadObjectName(name);
    try {
      await this.#deadline('delete', name, this.#bucket.file(name).delete({ ignoreNotFound: true }));
    } catch (err) {
      const mapped = toStorageError(err, 'write_failed', name);
      if (mapped.code !== 'not_found') throw mapped;
    }
  }

  async signedUrl(key: string, options: SignedUrlOptions): Promise<string> {
    assertValidStorageKey(key);
    assertValidSignedUrlOptions(options);
    const now = this.#now();
    const disposition = options.disposition ?? (options.filename !== undefined ? 'inline' : undefined);
    const config: GetSignedUrlConfig = {
      version: 'v4',
      action: 'read',
      accessibleAt: now,
      expires: now.getTime() + options.expiresInSeconds * 1000,
    };
    if (disposition !== undefined) {
      config.responseDisposition = contentDispositionHeader(disposition, options.filename);
    }
    try {
      const [url] = await this.#bucket.file(key).getSignedUrl(config);
      return url;
    } catch (err) {
      throw new StorageError('invalid_argument', `could not sign URL: ${shortMessage(err)}`, { key, cause: err });
    }
  }

  async #upload(key: string, source: Readable[], contentType: string, checksumSha256?: string): Promise<void> {
    const writable = this.#bucket.file(key).createWriteStream({
      resumable: false,
      contentType,
      validation: 'crc32c',
      metadata: {
        contentType,
        ...(checksumSha256 ? { metadata: { sha256: checksumSha256 } } : {}),
      },
    });
    const [first, ...rest] = source;
    await pipeline([first!, ...rest, writable]);
  }

  async #deadline<T>(operation: string, key: string, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(new StorageError('unavailable', `GCS ${operation} timed out after ${this.#timeoutMs} ms`, { key }));
      }, this.#timeoutMs);
    });
    // The abandoned request may still settle later; that outcome is no longer interesting.
    work.catch(() => {});
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #withRetry(key: string, attempt: () => Promise<void>): Promise<void> {
    const { maxRetries, retryDelayMultiplier, maxRetryDelaySeconds, totalTimeoutSeconds } = this.#retry;
    const deadline = Date.now() + totalTimeoutSeconds * 1000;
    for (let retry = 0; ; retry++) {
      try {
        await attempt();
        return;
      } catch (err) {
        const delayMs = Math.min(retryDelayMultiplier ** retry * 1000, maxRetryDelaySeconds * 1000);
        const retryable = !(err instanceof StorageError) && RETRYABLE_ERR_FN_DEFAULT(err as never);
        if (!retryable || retry >= maxRetries || Date.now() + delayMs > deadline) {
          throw toStorageError(err, 'write_failed', key);
        }
        await sleep(delayMs);
      }
    }
  }
}

async function* relayErrors(source: Readable, key: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of source) yield chunk as Buffer;
  } catch (err) {
    throw toStorageError(err, 'read_failed', key);
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
]);

/** Maps SDK / HTTP / network failures onto StorageError codes. */
function toStorageError(err: unknown, fallback: StorageErrorCode, key?: string): StorageError {
  if (err instanceof StorageError) return err;
  const raw = (err as { code?: unknown } | null)?.code;
  const status =
    typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{3}$/.test(raw) ? Number(raw) : undefined;
  let code: StorageErrorCode = fallback;
  if (status === 404) code = 'not_found';
  else if (status === 401 || status === 403) code = 'permission_denied';
  else if (status === 429) code = 'rate_limited';
  else if (status === 416) code = 'invalid_range';
  else if (status === 413) code = 'too_large';
  else if (status === 408 || (status !== undefined && status >= 500)) code = 'unavailable';
  else if (raw === 'CONTENT_DOWNLOAD_MISMATCH' || raw === 'FILE_NO_UPLOAD' || raw === 'FILE_NO_UPLOAD_DELETE') {
    code = 'checksum_mismatch';
  } else if (typeof raw === 'string' && NETWORK_CODES.has(raw)) code = 'unavailable';
  const label = status ?? (typeof raw === 'string' ? raw : undefined);
  return new StorageError(code, `GCS ${fallback.replace('_', ' ')}${label ? ` (${label})` : ''}: ${shortMessage(err)}`, {
    ...(key !== undefined ? { key } : {}),
    cause: err,
  });
}

function shortMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s+/g, ' ').slice(0, 200);
}
