import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat as fsStat, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { createByteMeter } from './byte-meter';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { contentTypeForKey } from './content-type';
import { assertValidStorageKey } from './storage-key';
import {
  StorageError,
  assertValidPutOptions,
  assertValidRange,
  assertValidSignedUrlOptions,
} from './storage-provider';
import type {
  ByteRange,
  ContentDispositionType,
  PutOptions,
  PutResult,
  SignedUrlOptions,
  StorageErrorCode,
  StorageProvider,
  StoredObjectInfo,
} from './storage-provider';

export interface LocalStorageOptions {
  /** Directory that holds every object; created on first write. */
  rootDir: string;
  /** Where the media router is mounted: a path ('/api/media') or an absolute URL. */
  publicBaseUrl: string;
  /** HMAC key for signed URLs; at least 32 characters. */
  signingSecret: string;
  /** Clock (tests). */
  now?: () => Date;
  /** Opens the temporary file a put streams into (tests inject failures here). */
  openWriteStream?: (path: string) => Writable;
}

/** Query parameters of a signed local URL. */
export interface SignedUrlQuery {
  exp?: unknown;
  sig?: unknown;
  disp?: unknown;
  fn?: unknown;
}

export type SignatureVerification =
  | { ok: true; expiresAt: number; disposition?: ContentDispositionType; filename?: string }
  | { ok: false; reason: 'expired' | 'bad_signature' };

interface SidecarMeta {
  v: 1;
  contentType: string;
  size: number;
  checksumSha256: string;
}

const READ_CHUNK_BYTES = 64 * 1024;
const META_SUFFIX = '.meta.json';
const SIG_PATTERN = /^[A-Za-z0-9_-]{43}$/; // base64url of a 32-byte HMAC-SHA256, unpadded
const EXP_PATTERN = /^[0-9]{1,12}$/;

/**
 * Objects as plain files under `rootDir` (key segments become directories), each with a small
 * `<file>.meta.json` sidecar holding its content type and checksum. Writes are atomic
 * (temp file + rename); signed URLs are HMAC-SHA256 over key, expiry and disposition.
 */
export class LocalStorage implements StorageProvider {
  readonly driver = 'local' as const;
  readonly rootDir: string;
  readonly publicBaseUrl: string;
  readonly #secret: Buffer;
  readonly #now: () => Date;
  readonly #openWriteStream: (path: string) => Writable;

  constructor(options: LocalStorageOptions) {
    if (!options.rootDir) throw new StorageError('invalid_argument', 'rootDir is required');
    if (typeof options.signingSecret !== 'string' || options.signingSecret.length < 32) {
      throw new StorageError('invalid_argument', 'signingSecret must be at least 32 characters');
    }
    this.rootDir = resolve(options.rootDir);
    this.publicBaseUrl = (options.publicBaseUrl ?? '').replace(/\/+$/, '');
    this.#secret = Buffer.from(options.signingSecret, 'utf8');
    this.#now = options.now ?? (() => new Date());
    this.#openWriteStream =
      options.openWriteStream ?? ((path) => createWriteStream(path, { flags: 'wx', flush: true }));
  }

  /** Absolute path of the file behind `key` (validated; never outside rootDir). */
  pathForKey(key: string): string {
    assertValidStorageKey(key);
    const full = resolve(this.rootDir, ...key.split('/'));
    if (!full.startsWith(this.rootDir + sep)) {
      throw new StorageError('invalid_key', 'invalid storage key: escapes the storage root');
    }
    return full;
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions): Promise<PutResult> {
    const target = this.pathForKey(key);
    assertValidPutOptions(options, key);
    const dir = dirname(target);
    const tmpId = `${basename(target)}.${randomUUID()}.tmp`;
    const tmpData = join(dir, `.${tmpId}`);
    const tmpMeta = join(dir, `.${tmpId}${META_SUFFIX}`);

    const meter = createByteMeter(key, options.maxBytes);

    try {
      await mkdir(dir, { recursive: true });
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      await pipeline(source, meter.stream, this.#openWriteStream(tmpData));
      const checksumSha256 = meter.sha256();
      const size = meter.size();
      const meta: SidecarMeta = { v: 1, contentType: options.contentType, size, checksumSha256 };
      await writeFile(tmpMeta, JSON.stringify(meta), { flag: 'wx', flush: true });
      // Both temp files are complete: publish data first, then its metadata.
      await rename(tmpData, target);
      await rename(tmpMeta, target + META_SUFFIX);
      return { size, checksumSha256 };
    } catch (err) {
      await Promise.all([rm(tmpData, { force: true }), rm(tmpMeta, { force: true })]).catch(() => {});
      throw toStorageError(err, 'write_failed', key);
    }
  }

  createReadStream(key: string, range: ByteRange = {}): Readable {
    const path = this.pathForKey(key);
    assertValidRange(range, key);
    return Readable.from(readFileRange(path, key, range), {
      objectMode: false,
      highWaterMark: READ_CHUNK_BYTES,
    });
  }

  async stat(key: string): Promise<StoredObjectInfo | null> {
    const path = this.pathForKey(key);
    let info;
    try {
      info = await fsStat(path);
    } catch (err) {
      if (errnoCode(err) === 'ENOENT' || errnoCode(err) === 'ENOTDIR') return null;
      throw toStorageError(err, 'read_failed', key);
    }
    if (!info.isFile()) return null;
    const meta = await readSidecar(path + META_SUFFIX);
    const trusted = meta && meta.size === info.size ? meta : null;
    return {
      size: info.size,
      contentType: trusted?.contentType ?? contentTypeForKey(key),
      updatedAt: info.mtime,
      ...(trusted ? { checksumSha256: trusted.checksumSha256 } : {}),
    };
  }

  async delete(key: string): Promise<void> {
    const path = this.pathForKey(key);
    try {
      await rm(path, { force: true });
      await rm(path + META_SUFFIX, { force: true });
    } catch (err) {
      throw toStorageError(err, 'write_failed', key);
    }
  }

  async signedUrl(key: string, options: SignedUrlOptions): Promise<string> {
    assertValidStorageKey(key);
    assertValidSignedUrlOptions(options);
    const exp = String(Math.floor(this.#now().getTime() / 1000) + options.expiresInSeconds);
    const disp = options.disposition ?? (options.filename !== undefined ? 'inline' : undefined);
    const params = new URLSearchParams({ exp });
    if (disp !== undefined) params.set('disp', disp);
    if (options.filename !== undefined) params.set('fn', options.filename);
    params.set('sig', this.#sign(key, exp, disp, options.filename));
    return `${this.publicBaseUrl}/${key}?${params.toString()}`;
  }

  /**
   * Checks a signed request (the parsed query string of a URL made by `signedUrl`). The signature
   * is checked first, in constant time; a genuine but outdated link reports 'expired'.
   */
  verifySignedRequest(key: string, query: SignedUrlQuery, now: Date = this.#now()): SignatureVerification {
    const bad = { ok: false, reason: 'bad_signature' } as const;
    const { exp, sig, disp, fn } = query;
    if (typeof exp !== 'string' || !EXP_PATTERN.test(exp)) return bad;
    if (typeof sig !== 'string' || !SIG_PATTERN.test(sig)) return bad;
    if (disp !== undefined && disp !== 'inline' && disp !== 'attachment') return bad;
    if (fn !== undefined && (typeof fn !== 'string' || disp === undefined)) return bad;
    const expected = Buffer.from(this.#sign(key, exp, disp, fn), 'utf8');
    const given = Buffer.from(sig, 'utf8');
    // Compare the canonical base64url text, not decoded bytes: base64 decoding is lenient about
    // the last character's spare bits, so decoded comparison would accept altered signatures.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return bad;
    const expiresAt = Number(exp);
    if (Math.floor(now.getTime() / 1000) >= expiresAt) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      expiresAt,
      ...(disp !== undefined ? { disposition: disp } : {}),
      ...(fn !== undefined ? { filename: fn } : {}),
    };
  }

  #sign(key: string, exp: string, disposition?: string, filename?: string): string {
    let payload = `${key}\n${exp}`;
    if (disposition !== undefined) payload += `\n${disposition}`;
    if (filename !== undefined) payload += `\n${filename}`;
    return createHmac('sha256', this.#secret).update(payload, 'utf8').digest('base64url');
  }
}

async function* readFileRange(path: string, key: string, range: ByteRange): AsyncGenerator<Buffer> {
  const start = range.start ?? 0;
  const end = range.end ?? Infinity;
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw toStorageError(err, 'read_failed', key);
  }
  try {
    if (range.start !== undefined || range.end !== undefined) {
      // Same rule as GCS (HTTP 416): a range must start inside the object.
      const { size } = await handle.stat();
      if (start >= size) {
        throw new StorageError('invalid_range', `range starts at ${start}, object has ${size} bytes`, { key });
      }
    }
    let position = start;
    while (position <= end) {
      const want = Math.min(READ_CHUNK_BYTES, end - position + 1);
      const buffer = Buffer.allocUnsafe(want);
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, want, position));
      } catch (err) {
        throw toStorageError(err, 'read_failed', key);
      }
      if (bytesRead === 0) break;
      position += bytesRead;
      yield bytesRead === want ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

async function readSidecar(path: string): Promise<SidecarMeta | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (
      parsed &&
      typeof parsed === 'object' &&
      typeof (parsed as SidecarMeta).contentType === 'string' &&
      typeof (parsed as SidecarMeta).size === 'number' &&
      typeof (parsed as SidecarMeta).checksumSha256 === 'string'
    ) {
      return parsed as SidecarMeta;
    }
    return null;
  } catch {
    return null; // missing or unreadable metadata: fall back to the extension
  }
}

function errnoCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function toStorageError(err: unknown, fallback: StorageErrorCode, key: string): StorageError {
  if (err instanceof StorageError) return err;
  const code = errnoCode(err);
  const mapped: StorageErrorCode =
    code === 'ENOENT' || code === 'ENOTDIR'
      ? 'not_found'
      : code === 'ENOSPC' || code === 'EDQUOT'
        ? 'disk_full'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'permission_denied'
          : fallback;
  const what = mapped === 'not_found' ? 'object not found' : `local storage ${fallback.replace('_', ' ')}`;
  return new StorageError(mapped, `${what}${code ? ` (${code})` : ''}`, { key, cause: err });
}
