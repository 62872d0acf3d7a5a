import { createHash } from 'node:crypto';
import { startLoopbackServer } from '../../../testing/loopback-server';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * A loopback stand-in for the parts of the Cloud Storage JSON API that @google-cloud/storage
 * calls for GcsStorage (test use only):
 *
 *   POST   /upload/storage/v1/b/:bucket/o?uploadType=multipart&name=:object   (multipart/related)
 *   GET    /storage/v1/b/:bucket/o/:object                                    (objects.get metadata)
 *   GET    /storage/v1/b/:bucket/o/:object?alt=media                          (download, Range)
 *   DELETE /storage/v1/b/:bucket/o/:object                                    (objects.delete)
 *
 * Faults can be queued per operation: an HTTP status, a hang (never answer), or a corrupted
 * download body (the x-goog-hash header keeps the true checksum).
 */

export type FakeGcsOperation = 'upload' | 'metadata' | 'media' | 'delete';

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

export class FakeGcsServer {
  readonly objects = new Map<string, FakeGcsObject>();
  readonly requests: RecordedRequest[] = [];
  readonly #faults = new Map<FakeGcsOperation, FakeGcsFault[]>();
  #server!: Server;
  #generation = 1_700_000_000_000_000;
  #clock = Date.parse('2030-01-02T03:04:05.000Z');

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

  requestsFor(op: FakeGcsOperation | 'unknown'): RecordedRequest[] {
    return this.requests.filter((r) => r.op === op);
  }

  reset(): void {
    this.objects.clear();
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
      case 'metadata': {
        const object = this.objects.get(id);
        if (!object) return sendError(404, 'notFound', `No such object: ${id}`);
        return sendJson(200, resource(object));
      }
      case 'delete': {
        if (!this.objects.delete(id)) return sendError(404, 'notFound', `No such object: ${id}`);
        return send(204, {});
      }
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

function matchRoute(
  method: string,
  url: URL,
): { op: FakeGcsOperation; bucket: string; name: string } | null {
  const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
  if (upload && method === 'POST' && url.searchParams.get('uploadType') === 'multipart') {
    const name = url.searchParams.get('name');
    return name ? { op: 'upload', bucket: decodeURIComponent(upload[1]!), name } : null;
  }
  const object = /^\/storage\/v1\/b\/([^/]+)\/o\/([^/]+)$/.exec(url.pathname);
  if (!object) return null;
  const bucket = decodeURIComponent(object[1]!);
  const name = decodeURIComponent(object[2]!);
  if (method === 'GET') return { op: url.searchParams.get('alt') === 'media' ? 'media' : 'metadata', bucket, name };
  if (method === 'DELETE') return { op: 'delete', bucket, name };
  return null;
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
