import { createHash, verify } from 'node:crypto';
import { startLoopbackServer } from '../../../testing/loopback-server';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * A loopback stand-in for the parts of the Cloud Storage JSON API that @google-cloud/storage
 * calls for GcsStorage and for @tus/gcs-store (test use only), each route as documented at
 * https://cloud.google.com/storage/docs/json_api/v1/objects:
 *
 *   POST   /upload/storage/v1/b/:bucket/o?uploadType=multipart&name=:object   objects.insert, multipart/related
 *   POST   /upload/storage/v1/b/:bucket/o?uploadType=resumable&name=:object   resumable session start → Location
 *                                                                            (https://cloud.google.com/storage/docs/performing-resumable-uploads)
 *   PUT    <Location>  Content-Range "bytes a-b/N", "bytes a-STAR/N", "bytes a-STAR/STAR" or "bytes STAR/N" (STAR = unknown)
 *                      → 200/201 + object when complete, 308 + Range when not; an offset that does
 *                        not continue the bytes received is refused (400)
 *   GET    /storage/v1/b/:bucket/o/:object                                    objects.get (metadata)
 *   GET    /storage/v1/b/:bucket/o/:object?alt=media                          download (Range)
 *   PATCH  /storage/v1/b/:bucket/o/:object                                    objects.patch (custom metadata merge; null deletes a key)
 *   POST   /storage/v1/b/:bucket/o/:object/compose                            objects.compose (1–32 sources, same bucket; else 400)
 *   POST   /storage/v1/b/:sb/o/:so/rewriteTo/b/:db/o/:do                      objects.rewrite (server-side copy, done in one call)
 *   DELETE /storage/v1/b/:bucket/o/:object                                    objects.delete
 *   GET    /:bucket/:object?X-Goog-Algorithm=GOOG4-RSA-SHA256&…                 a V4 signed URL (XML API download, Range),
 *          (https://cloud.google.com/storage/docs/access-control/signed-urls and the canonical request at
 *          https://cloud.google.com/storage/docs/authentication/canonical-requests): the signature is
 *          verified with the public key of the service account named in X-Goog-Credential
 *          (`trustSigner`); a bad signature answers 403 SignatureDoesNotMatch, an expired URL 400
 *          ExpiredToken, X-Goog-Expires over 604800 s 400 AuthorizationQueryParametersError.
 *
 * An object name that breaks the naming rules (1–1024 bytes of UTF-8, no CR or LF, not "." or "..";
 * https://cloud.google.com/storage/docs/objects#naming) is refused with 400 wherever an object is written.
 *
 * Faults can be queued per operation: an HTTP status, a hang (never answer), or a corrupted
 * download body (the x-goog-hash header keeps the true checksum).
 */

export type FakeGcsOperation = 'upload' | 'metadata' | 'media' | 'signed-get' | 'delete' | 'resumable-start' | 'resumable-put' | 'patch' | 'compose' | 'rewrite';

export type FakeGcsFault =
  | { status: number; reason?: string; message?: string }
  | { hang: true }
  | { corrupt: true };

export interface FakeGcsObject {
  bucket: string;
  name: string;
  data: Buffer;
  contentType: string;
  metadata: Record<string, string>;
  generation: string;
  updated: string;
}

export interface RecordedRequest {
  op: FakeGcsOperation | 'unknown';
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bodyLength: number;
  /** The status that was answered (undefined for a hang). */
  status?: number;
}

interface ResumableSession {
  bucket: string;
  name: string;
  contentType: string;
  metadata: Record<string, string>;
  chunks: Buffer[];
  received: number;
}

export class FakeGcsServer {
  readonly objects = new Map<string, FakeGcsObject>();
  readonly #sessions = new Map<string, ResumableSession>();
  #sessionSeq = 0;
  readonly requests: RecordedRequest[] = [];
  readonly #faults = new Map<FakeGcsOperation, FakeGcsFault[]>();
  #server!: Server;
  #generation = 1_700_000_000_000_000;
  #clock = Date.parse('2030-01-02T03:04:05.000Z');
  /** Service account e-mail → public key PEM, for V4 signed URLs. */
  readonly #signers = new Map<string, string>();

  #url = '';

  static async start(): Promise<FakeGcsServer> {
    const fake = new FakeGcsServer();
    const { server, url } = await startLoopbackServer((req, res) => fake.#handle(req, res));
    fake.#server = server;
    fake.#url = url;
    return fake;
  }

  get endpoint(): string {
    return this.#url;
  }

  /** Queue faults for an operation; each matching request consumes one. */
  fail(op: FakeGcsOperation, ...faults: FakeGcsFault[]): void {
    this.#faults.set(op, [...(this.#faults.get(op) ?? []), ...faults]);
  }

  /** Accept V4 signed URLs signed by this service account (its public key, PEM). */
  trustSigner(clientEmail: string, publicKeyPem: string): void {
    this.#signers.set(clientEmail, publicKeyPem);
  }

  /**
   * Requests refused as malformed or unauthorised: any 4xx/5xx or unimplemented route, except a
   * 404 for a read or delete of an object that does not exist (a well-formed question; caches ask it).
   */
  get rejected(): RecordedRequest[] {
    const lookup = new Set<RecordedRequest['op']>(['metadata', 'media', 'delete']);
    return this.requests.filter((r) => r.op === 'unknown' || ((r.status ?? 0) >= 400 && !(r.status === 404 && lookup.has(r.op))));
  }

  requestsFor(op: FakeGcsOperation | 'unknown'): RecordedRequest[] {
    return this.requests.filter((r) => r.op === op);
  }

  reset(): void {
    this.objects.clear();
    this.#sessions.clear();
    this.requests.length = 0;
    this.#faults.clear();
  }

  seed(bucket: string, name: string, data: Buffer, contentType = 'application/octet-stream'): FakeGcsObject {
    const object: FakeGcsObject = {
      bucket,
      name,
      data,
      contentType,
      metadata: {},
      generation: String(++this.#generation),
      updated: new Date((this.#clock += 1000)).toISOString(),
    };
    this.objects.set(`${bucket}/${name}`, object);
    return object;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = matchRoute(req.method ?? 'GET', url);
    const record: RecordedRequest = {
      op: route?.op ?? 'unknown',
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      bodyLength: body.length,
    };
    this.requests.push(record);
    const send = (status: number, headers: Record<string, string>, payload?: Buffer | string) => {
      record.status = status;
      res.writeHead(status, headers);
      res.end(payload);
    };
    const sendJson = (status: number, value: unknown) =>
      send(status, { 'content-type': 'application/json; charset=UTF-8' }, JSON.stringify(value));
    const sendError = (status: number, reason: string, message: string) =>
      sendJson(status, { error: { code: status, message, errors: [{ reason, domain: 'global', message }] } });

    if (!route) return sendError(501, 'notImplemented', `fake GCS does not implement ${req.method} ${url.pathname}`);

    const fault = this.#faults.get(route.op)?.shift();
    if (fault && 'hang' in fault) return; // never answer; the socket is closed by close()
    if (fault && 'status' in fault) {
      return sendError(fault.status, fault.reason ?? reasonFor(fault.status), fault.message ?? `injected ${fault.status}`);
    }

    const id = `${route.bucket}/${route.name}`;
    const written = route.op === 'rewrite' ? route.destName : ['upload', 'resumable-start', 'compose'].includes(route.op) ? route.name : undefined;
    if (written !== undefined && !validObjectName(written)) return sendError(400, 'invalid', `The object name '${written.slice(0, 80)}' is not valid.`);
    if (route.op === 'signed-get') {
      const problem = checkSignedUrl(url, (req.url ?? '/').split('?')[0]!, String(req.headers.host ?? ''), this.#signers);
      if (problem) {
        return send(problem.status, { 'content-type': 'application/xml; charset=UTF-8' }, `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${problem.code}</Code><Message>${problem.message}</Message></Error>`);
      }
    }
    switch (route.op) {
      case 'upload': {
        const contentType = req.headers['content-type'] ?? '';
        const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
        if (!contentType.startsWith('multipart/related') || !boundary) {
          return sendError(400, 'invalid', 'expected multipart/related');
        }
        const parts = parseMultipart(body, boundary);
        if (parts.length !== 2) return sendError(400, 'invalid', `expected 2 parts, got ${parts.length}`);
        const meta = JSON.parse(parts[0]!.body.toString('utf8')) as {
          contentType?: string;
          metadata?: Record<string, string>;
        };
        const object = this.seed(
          route.bucket,
          route.name,
          parts[1]!.body,
          meta.contentType ?? parts[1]!.contentType ?? 'application/octet-stream',
        );
        object.metadata = meta.metadata ?? {};
        return sendJson(200, resource(object));
      }
      case 'resumable-start': {
        let meta: { contentType?: string; metadata?: Record<string, unknown> } = {};
        if (body.length) {
          try {
            meta = JSON.parse(body.toString('utf8')) as typeof meta;
          } catch {
            return sendError(400, 'parseError', 'Parse Error');
          }
        }
        const uploadId = `session-${++this.#sessionSeq}`;
        this.#sessions.set(uploadId, {
          bucket: route.bucket,
          name: route.name,
          contentType: String(req.headers['x-upload-content-type'] ?? meta.contentType ?? 'application/octet-stream'),
          metadata: stringValues(meta.metadata ?? {}),
          chunks: [],
          received: 0,
        });
        const location = `${this.endpoint}/upload/storage/v1/b/${encodeURIComponent(route.bucket)}/o?uploadType=resumable&name=${encodeURIComponent(route.name)}&upload_id=${uploadId}`;
        record.status = 200;
        res.writeHead(200, { location, 'content-length': '0' });
        res.end();
        return;
      }
      case 'resumable-put': {
        const uploadId = url.searchParams.get('upload_id') ?? '';
        const session = this.#sessions.get(uploadId);
        if (!session) return sendError(404, 'notFound', 'No such upload session.');
        const range = String(req.headers['content-range'] ?? `bytes 0-*/*`);
        const m = /^bytes (?:(\d+)-(\d+|\*)|\*)\/(\d+|\*)$/.exec(range);
        if (!m) return sendError(400, 'invalid', `Invalid Content-Range: ${range}`);
        const total = m[3] === '*' ? undefined : Number(m[3]);
        if (m[1] !== undefined) {
          if (Number(m[1]) !== session.received) {
            return sendError(400, 'invalid', `Content-Range starts at ${m[1]}, but ${session.received} bytes were received.`);
          }
          if (m[2] !== '*' && Number(m[2]) - Number(m[1]) + 1 !== body.length) {
            return sendError(400, 'invalid', `Content-Range ${range} does not match the ${body.length} bytes sent.`);
          }
          session.chunks.push(body);
          session.received += body.length;
        }
        // Complete when the total is known and reached, or when a streamed request ("a-*/*") ends.
        const complete = (total !== undefined && session.received === total) || (m[2] === '*' && total === undefined);
        if (total !== undefined && session.received > total) return sendError(400, 'invalid', 'More bytes than the declared size.');
        if (!complete) {
          record.status = 308;
          res.writeHead(308, session.received ? { range: `bytes=0-${session.received - 1}`, 'content-length': '0' } : { 'content-length': '0' });
          res.end();
          return;
        }
        this.#sessions.delete(uploadId);
        const object = this.seed(session.bucket, session.name, Buffer.concat(session.chunks), session.contentType);
        object.metadata = session.metadata;
        return sendJson(200, resource(object));
      }
      case 'patch': {
        const object = this.objects.get(id);
        if (!object) return sendError(404, 'notFound', `No such object: ${id}`);
        let patch: { metadata?: Record<string, unknown> | null; contentType?: string };
        try {
          patch = JSON.parse(body.toString('utf8') || '{}') as typeof patch;
        } catch {
          return sendError(400, 'parseError', 'Parse Error');
        }
        if (patch.metadata === null) object.metadata = {};
        for (const [k, v] of Object.entries(patch.metadata ?? {})) {
          if (v === null) delete object.metadata[k];
          else object.metadata[k] = typeof v === 'string' ? v : JSON.stringify(v);
        }
        if (patch.contentType) object.contentType = patch.contentType;
        return sendJson(200, resource(object));
      }
      case 'compose': {
        let request: { sourceObjects?: Array<{ name?: string }>; destination?: { contentType?: string; metadata?: Record<string, unknown> } };
        try {
          request = JSON.parse(body.toString('utf8') || '{}') as typeof request;
        } catch {
          return sendError(400, 'parseError', 'Parse Error');
        }
        const sources = request.sourceObjects ?? [];
        if (sources.length === 0) return sendError(400, 'required', 'Required: sourceObjects');
        if (sources.length > 32) return sendError(400, 'invalid', 'The number of source components provided (33) exceeds the maximum (32).');
        const parts: Buffer[] = [];
        for (const source of sources) {
          const found = source.name ? this.objects.get(`${route.bucket}/${source.name}`) : undefined;
          if (!found) return sendError(404, 'notFound', `Object ${route.bucket}/${source.name} not found.`);
          parts.push(found.data);
        }
        const existing = this.objects.get(id);
        const object = this.seed(route.bucket, route.name, Buffer.concat(parts), request.destination?.contentType ?? existing?.contentType ?? 'application/octet-stream');
        object.metadata = request.destination?.metadata ? stringValues(request.destination.metadata) : {};
        return sendJson(200, resource(object));
      }
      case 'rewrite': {
        const source = this.objects.get(id);
        if (!source) return sendError(404, 'notFound', `No such object: ${id}`);
        let request: { contentType?: string; metadata?: Record<string, unknown> } = {};
        try {
          request = JSON.parse(body.toString('utf8') || '{}') as typeof request;
        } catch {
          return sendError(400, 'parseError', 'Parse Error');
        }
        const copy = this.seed(route.destBucket as string, route.destName as string, Buffer.from(source.data), request.contentType ?? source.contentType);
        copy.metadata = request.metadata ? stringValues(request.metadata) : { ...source.metadata };
        return sendJson(200, {
          kind: 'storage#rewriteResponse',
          totalBytesRewritten: String(copy.data.length),
          objectSize: String(copy.data.length),
          done: true,
          resource: resource(copy),
        });
      }
      case 'metadata': {
        const object = this.objects.get(id);
        if (!object) return sendError(404, 'notFound', `No such object: ${id}`);
        return sendJson(200, resource(object));
      }
      case 'delete': {
        if (!this.objects.delete(id)) return sendError(404, 'notFound', `No such object: ${id}`);
        return send(204, {});
      }
      case 'signed-get':
      case 'media': {
        const object = this.objects.get(id);
        if (!object) return sendError(404, 'notFound', `No such object: ${id}`);
        const size = object.data.length;
        const headers: Record<string, string> = {
          'content-type': object.contentType,
          'x-goog-hash': `crc32c=${crc32cBase64(object.data)},md5=${md5Base64(object.data)}`,
          'x-goog-stored-content-encoding': 'identity',
          'x-goog-generation': object.generation,
          'accept-ranges': 'bytes',
        };
        const disposition = route.op === 'signed-get' ? url.searchParams.get('response-content-disposition') : null;
        if (disposition) headers['content-disposition'] = disposition;
        let status = 200;
        let start = 0;
        let end = size - 1;
        const range = req.headers.range;
        if (range) {
          const m = /^bytes=(\d*)-(\d*)$/.exec(range);
          if (!m || (m[1] === '' && m[2] === '')) return sendError(400, 'invalid', 'bad range');
          if (m[1] === '') {
            start = Math.max(0, size - Number(m[2]));
          } else {
            start = Number(m[1]);
            if (m[2] !== '') end = Math.min(Number(m[2]), size - 1);
          }
          if (start >= size || end < start) {
            return sendError(416, 'requestedRangeNotSatisfiable', 'The requested range cannot be satisfied.');
          }
          status = 206;
          headers['content-range'] = `bytes ${start}-${end}/${size}`;
        }
        let payload = object.data.subarray(start, end + 1);
        if (fault && 'corrupt' in fault && payload.length > 0) {
          payload = Buffer.from(payload);
          payload[0] = payload[0]! ^ 0xff;
        }
        headers['content-length'] = String(payload.length);
        return send(status, headers, payload);
      }
    }
  }
}

interface Route {
  op: FakeGcsOperation;
  bucket: string;
  name: string;
  destBucket?: string;
  destName?: string;
}

function matchRoute(method: string, url: URL): Route | null {
  const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
  if (upload) {
    const bucket = decodeURIComponent(upload[1]!);
    const uploadType = url.searchParams.get('uploadType');
    const name = url.searchParams.get('name');
    if (method === 'POST' && uploadType === 'multipart') return name ? { op: 'upload', bucket, name } : null;
    if (method === 'POST' && uploadType === 'resumable' && !url.searchParams.has('upload_id')) return name ? { op: 'resumable-start', bucket, name } : null;
    if (method === 'PUT' && url.searchParams.has('upload_id')) return { op: 'resumable-put', bucket, name: name ?? '' };
    return null;
  }
  const rewrite = /^\/storage\/v1\/b\/([^/]+)\/o\/([^/]+)\/rewriteTo\/b\/([^/]+)\/o\/([^/]+)$/.exec(url.pathname);
  if (rewrite && method === 'POST') {
    return {
      op: 'rewrite',
      bucket: decodeURIComponent(rewrite[1]!),
      name: decodeURIComponent(rewrite[2]!),
      destBucket: decodeURIComponent(rewrite[3]!),
      destName: decodeURIComponent(rewrite[4]!),
    };
  }
  const compose = /^\/storage\/v1\/b\/([^/]+)\/o\/([^/]+)\/compose$/.exec(url.pathname);
  if (compose && method === 'POST') return { op: 'compose', bucket: decodeURIComponent(compose[1]!), name: decodeURIComponent(compose[2]!) };
  const object = /^\/storage\/v1\/b\/([^/]+)\/o\/([^/]+)$/.exec(url.pathname);
  if (!object) {
    const signed = /^\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (signed && method === 'GET' && url.searchParams.has('X-Goog-Algorithm')) {
      return { op: 'signed-get', bucket: decodeURIComponent(signed[1]!), name: decodeURIComponent(signed[2]!) };
    }
    return null;
  }
  const bucket = decodeURIComponent(object[1]!);
  const name = decodeURIComponent(object[2]!);
  if (method === 'GET') return { op: url.searchParams.get('alt') === 'media' ? 'media' : 'metadata', bucket, name };
  if (method === 'DELETE') return { op: 'delete', bucket, name };
  if (method === 'PATCH') return { op: 'patch', bucket, name };
  return null;
}

function validObjectName(name: string): boolean {
  const bytes = Buffer.byteLength(name);
  return bytes >= 1 && bytes <= 1024 && !/[\r\n]/.test(name) && name !== '.' && name !== '..';
}

const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const MAX_SIGNED_URL_SECONDS = 7 * 24 * 3600;

/**
 * Checks a V4 signed URL as Cloud Storage does: rebuilds the canonical request (method, the path as
 * sent, the sorted query without X-Goog-Signature, the signed headers) and the string to sign, and
 * verifies the RSA-SHA256 signature with the signer's public key; then the validity window.
 */
export function checkSignedUrl(
  url: URL,
  rawPath: string,
  hostHeader: string,
  signers: ReadonlyMap<string, string>,
  now = Date.now(),
): { status: number; code: string; message: string } | undefined {
  const q = url.searchParams;
  const missing = ['X-Goog-Credential', 'X-Goog-Date', 'X-Goog-Expires', 'X-Goog-SignedHeaders', 'X-Goog-Signature'].filter((k) => !q.get(k));
  if (q.get('X-Goog-Algorithm') !== 'GOOG4-RSA-SHA256' || missing.length) {
    return { status: 400, code: 'AuthorizationQueryParametersError', message: `Missing or invalid: ${missing.join(', ') || 'X-Goog-Algorithm'}` };
  }
  const expires = Number(q.get('X-Goog-Expires'));
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_SIGNED_URL_SECONDS) {
    return { status: 400, code: 'AuthorizationQueryParametersError', message: 'X-Goog-Expires must be between 1 and 604800 seconds.' };
  }
  const [email, ...scope] = q.get('X-Goog-Credential')!.split('/');
  const publicKey = signers.get(email ?? '');
  const signedHeaders = q.get('X-Goog-SignedHeaders')!;
  if (!publicKey || signedHeaders !== 'host') return { status: 403, code: 'SignatureDoesNotMatch', message: 'Access denied.' };
  const canonicalQuery = [...q]
    .filter(([k]) => k !== 'X-Goog-Signature')
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const host = hostHeader.replace(/:\d+$/, '');
  const canonicalRequest = ['GET', rawPath, canonicalQuery, `host:${host}\n`, signedHeaders, 'UNSIGNED-PAYLOAD'].join('\n');
  const date = q.get('X-Goog-Date')!;
  const stringToSign = ['GOOG4-RSA-SHA256', date, scope.join('/'), createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  if (!verify('RSA-SHA256', Buffer.from(stringToSign), publicKey, Buffer.from(q.get('X-Goog-Signature')!, 'hex'))) {
    return { status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' };
  }
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  const start = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : NaN;
  if (!(start - 60_000 <= now)) return { status: 400, code: 'AuthorizationQueryParametersError', message: 'The request is not yet valid (X-Goog-Date).' };
  if (now > start + expires * 1000) return { status: 400, code: 'ExpiredToken', message: 'Invalid argument. Request has expired.' };
  return undefined;
}

/** Custom metadata values are strings on GCS; null entries are dropped. */
function stringValues(metadata: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(metadata)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}

function resource(object: FakeGcsObject) {
  return {
    kind: 'storage#object',
    id: `${object.bucket}/${object.name}/${object.generation}`,
    name: object.name,
    bucket: object.bucket,
    generation: object.generation,
    metageneration: '1',
    contentType: object.contentType,
    size: String(object.data.length),
    md5Hash: md5Base64(object.data),
    crc32c: crc32cBase64(object.data),
    timeCreated: object.updated,
    updated: object.updated,
    storageClass: 'STANDARD',
    ...(Object.keys(object.metadata).length ? { metadata: object.metadata } : {}),
  };
}

function reasonFor(status: number): string {
  if (status === 404) return 'notFound';
  if (status === 429) return 'rateLimitExceeded';
  if (status === 403) return 'forbidden';
  return status >= 500 ? 'backendError' : 'invalid';
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Minimal multipart/related parser (binary safe). */
export function parseMultipart(body: Buffer, boundary: string): { contentType?: string; body: Buffer }[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { contentType?: string; body: Buffer }[] = [];
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString('latin1') === '--') break;
    if (body[pos] === 0x0d) pos++;
    if (body[pos] === 0x0a) pos++;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), pos);
    if (next === -1) break;
    const part = body.subarray(pos, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headerText = part.subarray(0, headerEnd).toString('latin1');
    const contentType = /^content-type:\s*(.+)$/im.exec(headerText)?.[1]?.trim();
    parts.push({ ...(contentType ? { contentType } : {}), body: part.subarray(headerEnd + 4) });
    pos = next + 2;
  }
  return parts;
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC32C (Castagnoli) as GCS reports it: big-endian 4 bytes, base64. */
export function crc32cBase64(data: Buffer): string {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC32C_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return out.toString('base64');
}

function md5Base64(data: Buffer): string {
  return createHash('md5').update(data).digest('base64');
}
