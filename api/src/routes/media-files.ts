import { Router } from 'express';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { contentDispositionHeader } from '@ajimi/core/providers/storage/content-disposition';
import { isSafeInline } from '@ajimi/core/providers/storage/content-type';
import type { LocalStorage } from '@ajimi/core/providers/storage/local-storage';
import { validateStorageKey } from '@ajimi/core/providers/storage/storage-key';
import { isStorageError } from '@ajimi/core/providers/storage/storage-provider';
import type { StoredObjectInfo } from '@ajimi/core/providers/storage/storage-provider';

export interface MediaFilesRouterOptions {
  storage: LocalStorage;
  /** Clock (tests). */
  now?: () => Date;
}

/**
 * GET/HEAD /api/media/<key>?exp=…&sig=…[&disp=…&fn=…] — serves files of the local storage backend
 * to holders of a signed URL (LocalStorage.signedUrl). With GCS, signed URLs point at Google and
 * this router is not mounted.
 *
 * Order of checks: key shape (400) → signature, then expiry (403) → existence (404) → conditional
 * and Range handling (304 / 206 / 416) → stream. Bodies are streamed from disk, never buffered.
 */
export function createMediaFilesRouter({ storage, now = () => new Date() }: MediaFilesRouterOptions): Router {
  const router = Router();

  router.get('/{*key}', (req, res, next) => {
    serveMedia(storage, now(), req, res).catch(next);
  });

  router.all('/{*key}', (req, res) => {
    res.setHeader('Allow', 'GET, HEAD');
    sendError(req, res, 405, 'method_not_allowed', 'Only GET and HEAD are supported.');
  });

  router.use(mediaErrorHandler);
  return router;
}

async function serveMedia(storage: LocalStorage, now: Date, req: Request, res: Response): Promise<void> {
  const key = keyFromParams(req.params);
  if (!validateStorageKey(key).ok) {
    return sendError(req, res, 400, 'invalid_key', 'The media key is not valid.');
  }

  const query = req.query as Record<string, unknown>;
  const verdict = storage.verifySignedRequest(key, { exp: query.exp, sig: query.sig, disp: query.disp, fn: query.fn }, now);
  if (!verdict.ok) {
    return verdict.reason === 'expired'
      ? sendError(req, res, 403, 'expired', 'This media link has expired.')
      : sendError(req, res, 403, 'bad_signature', 'This media link is not valid.');
  }

  const info = await storage.stat(key);
  if (!info) return sendError(req, res, 404, 'not_found', 'No media at this address.');

  const etag = entityTag(info);
  const lastModified = new Date(Math.floor(info.updatedAt.getTime() / 1000) * 1000);
  const maxAge = Math.max(0, verdict.expiresAt - Math.floor(now.getTime() / 1000));

  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('ETag', etag);
  res.setHeader('Last-Modified', lastModified.toUTCString());
  res.setHeader('Cache-Control', `private, max-age=${maxAge}`);
  res.setHeader('X-Content-Type-Options', 'nosniff');

  if (matchesIfNoneMatch(req.headers['if-none-match'], etag)) {
    res.status(304).end();
    return;
  }

  let range: { start: number; end: number } | null = null;
  const rangeHeader = req.headers.range;
  if (rangeHeader && ifRangeAllows(req.get('if-range'), etag, lastModified)) {
    const parsed = parseRangeHeader(rangeHeader, info.size);
    if (parsed === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${info.size}`);
      return sendError(req, res, 416, 'range_not_satisfiable', 'The requested byte range is outside the file.');
    }
    range = parsed;
  }

  // Anything a browser could execute on our origin is only ever offered as a download.
  const disposition = isSafeInline(info.contentType) ? verdict.disposition : 'attachment';
  if (disposition) res.setHeader('Content-Disposition', contentDispositionHeader(disposition, verdict.filename));
  res.setHeader('Content-Type', info.contentType);

  if (range) {
    res.status(206);
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`);
    res.setHeader('Content-Length', String(range.end - range.start + 1));
  } else {
    res.status(200);
    res.setHeader('Content-Length', String(info.size));
  }

  if (req.method === 'HEAD' || info.size === 0) {
    res.end();
    return;
  }

  const stream = storage.createReadStream(key, range ?? undefined);
  stream.on('error', (err) => {
    if (res.headersSent) {
      logError(req, err);
      res.destroy(); // mid-body failure: cut the connection so the client sees a truncated transfer
      return;
    }
    for (const header of ENTITY_HEADERS) res.removeHeader(header);
    if (isStorageError(err, 'not_found')) return sendError(req, res, 404, 'not_found', 'No media at this address.');
    logError(req, err);
    sendError(req, res, 500, 'internal', 'The media file could not be read.');
  });
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}

const ENTITY_HEADERS = [
  'accept-ranges',
  'etag',
  'last-modified',
  'cache-control',
  'content-disposition',
  'content-type',
  'content-range',
  'content-length',
];

function keyFromParams(params: Request['params']): string {
  const raw: unknown = (params as Record<string, unknown>).key;
  if (Array.isArray(raw)) return raw.join('/');
  return typeof raw === 'string' ? raw : '';
}

function entityTag(info: StoredObjectInfo): string {
  return info.checksumSha256
    ? `"${info.checksumSha256}"`
    : `W/"${info.size.toString(16)}-${info.updatedAt.getTime().toString(16)}"`;
}

function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** If-Range: honour Range only when the validator still matches (strong ETag or exact date). */
function ifRangeAllows(header: string | undefined, etag: string, lastModified: Date): boolean {
  if (!header) return true;
  const value = header.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return !etag.startsWith('W/') && value === etag;
  const date = Date.parse(value);
  return !Number.isNaN(date) && date === lastModified.getTime();
}

/**
 * Parses a single `bytes=` range against a representation of `size` bytes (RFC 9110 §14.1.2):
 * `{start, end}` (inclusive, clamped), 'unsatisfiable' (→ 416), or null to ignore the header
 * (other units, several ranges, malformed or backwards ranges → a normal 200).
 */
export function parseRangeHeader(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return null;
  const first = m[1]!;
  const last = m[2]!;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return null;
  if (start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { start, end };
}

function sendError(req: Request, res: Response, status: number, code: string, message: string): void {
  res.status(status);
  res.setHeader('Cache-Control', 'no-store');
  res.json({ error: { code, message }, requestId: (req as { id?: unknown }).id ?? undefined });
}

/** JSON errors only, never a stack trace (also catches express's 400 for malformed %-escapes). */
const mediaErrorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const header of ENTITY_HEADERS) res.removeHeader(header);
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    sendError(req, res, status, 'bad_request', 'The request is not valid.');
    return;
  }
  if (isStorageError(err, 'invalid_key')) {
    sendError(req, res, 400, 'invalid_key', 'The media key is not valid.');
    return;
  }
  if (isStorageError(err) && err.retryable) {
    sendError(req, res, 503, 'unavailable', 'Media storage is temporarily unavailable.');
    return;
  }
  logError(req, err);
  sendError(req, res, 500, 'internal', 'The media file could not be served.');
};

/** Logs through pino-http's req.log when the app installed it. */
function logError(req: Request, err: unknown): void {
  const log = (req as { log?: { error?: (obj: object, msg: string) => void } }).log;
  log?.error?.({ err }, 'media file request failed');
}
