import { createHash, randomBytes } from 'node:crypto';
import { startLoopbackServer } from '../../../testing/loopback-server';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * A loopback stand-in for the parts of the Gemini API (generativelanguage.googleapis.com) that
 * @google/genai calls, for tests only (paths shown for v1beta; v1 — the SDK 3.x default — and
 * v1alpha are accepted the same way):
 *
 *   POST   /upload/v1beta/files                       resumable upload, "start" (X-Goog-Upload-Command: start)
 *                                                     → 200, X-Goog-Upload-URL, X-Goog-Upload-Status: active
 *   POST   /upload/v1beta/files?upload_id=…           chunk(s), X-Goog-Upload-Command "upload" / "upload, finalize",
 *                                                     X-Goog-Upload-Offset → final chunk: X-Goog-Upload-Status: final, {file}
 *   GET    /v1beta/files/:id                          files.get (state PROCESSING → ACTIVE, or FAILED)
 *   DELETE /v1beta/files/:id                          files.delete
 *   POST   /v1beta/models/:model:generateContent      scripted replies
 *   POST   /v1beta/models/:model:batchEmbedContents   (what models.embedContent calls) deterministic vectors
 *   POST   /v1beta/models/:model:embedContent         single-content variant
 *
 * Faults are queued per operation (each request of that operation consumes one): an HTTP error
 * (optionally with Retry-After and/or a google.rpc.RetryInfo delay), a hang (never answers), a
 * delay (answers normally, late), or
 * for generateContent a text reply (malformed or schema-invalid JSON). Every request is recorded.
 */

export type FakeGeminiOp =
  | 'upload-start'
  | 'upload-chunk'
  | 'file-get'
  | 'file-delete'
  | 'generate'
  | 'embed'
  | 'unknown';

export type FakeGeminiFault =
  | {
      status: number;
      message?: string;
      /** HTTP Retry-After header value. */
      retryAfter?: string;
      /** google.rpc.RetryInfo.retryDelay in the error body, e.g. "7s". */
      retryDelay?: string;
      /** Raw body instead of the Google JSON error (sent as text/plain). */
      rawBody?: string;
    }
  | { hang: true }
  /** Answer normally, but only after this delay. */
  | { delayMs: number };

/** What a generateContent call answers (after any queued fault). */
export type FakeGenerateReply =
  | { text: string; finishReason?: string }
  | { json: unknown }
  | { blockReason: string }
  | FakeGeminiFault;

export interface FakeGeminiRequest {
  op: FakeGeminiOp;
  method: string;
  /** Path and query as received. */
  url: string;
  /** For generate/embed: the model id from the path. */
  model?: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** The body parsed as JSON when it is JSON. */
  json?: unknown;
  /** Status answered (undefined for a hang). */
  status?: number;
}

export interface FakeGeminiFile {
  id: string;
  name: string;
  displayName?: string;
  mimeType: string;
  sizeBytes: number;
  data: Buffer;
  state: 'PROCESSING' | 'ACTIVE' | 'FAILED';
  /** files.get calls left before the state becomes final. */
  pollsLeft: number;
  uri: string;
}

interface PendingUpload {
  id: string;
  version: string;
  meta: { mimeType?: string; displayName?: string; sizeBytes?: string };
  declaredSize: number;
  chunks: Buffer[];
  received: number;
}

export class FakeGeminiServer {
  readonly requests: FakeGeminiRequest[] = [];
  readonly files = new Map<string, FakeGeminiFile>();
  /** Names of files that were deleted. */
  readonly deleted: string[] = [];
  /** How many files.get calls answer PROCESSING before the final state. */
  processingPolls = 1;
  /** The state a file reaches after processing. */
  finalFileState: 'ACTIVE' | 'FAILED' = 'ACTIVE';
  /** Answers generateContent when nothing is scripted (default: HTTP 500 "no scripted reply"). */
  onGenerate: ((request: FakeGeminiRequest) => FakeGenerateReply) | undefined;
  /**
   * Answers embeddings: values for one text (default: a deterministic pseudo-random vector of the
   * requested dimensionality, NOT unit length, like Gemini's truncated outputs).
   */
  onEmbed: ((text: string, dimensions: number) => number[]) | undefined;

  readonly #faults = new Map<FakeGeminiOp, FakeGeminiFault[]>();
  readonly #generateReplies: FakeGenerateReply[] = [];
  readonly #uploads = new Map<string, PendingUpload>();
  #server!: Server;

  #url = '';

  static async start(): Promise<FakeGeminiServer> {
    const fake = new FakeGeminiServer();
    const { server, url } = await startLoopbackServer((req, res) => fake.#handle(req, res));
    fake.#server = server;
    fake.#url = url;
    return fake;
  }

  get baseUrl(): string {
    return this.#url;
  }

  /** Queue faults for an operation; each matching request consumes one. */
  fail(op: FakeGeminiOp, ...faults: FakeGeminiFault[]): void {
    this.#faults.set(op, [...(this.#faults.get(op) ?? []), ...faults]);
  }

  /** Queue generateContent replies, consumed in order (after any queued 'generate' fault). */
  replyGenerate(...replies: FakeGenerateReply[]): void {
    this.#generateReplies.push(...replies);
  }

  requestsFor(op: FakeGeminiOp): FakeGeminiRequest[] {
    return this.requests.filter((r) => r.op === op);
  }

  reset(): void {
    this.requests.length = 0;
    this.files.clear();
    this.deleted.length = 0;
    this.#faults.clear();
    this.#generateReplies.length = 0;
    this.#uploads.clear();
    this.processingPolls = 1;
    this.finalFileState = 'ACTIVE';
    this.onGenerate = undefined;
    this.onEmbed = undefined;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = matchRoute(req.method ?? 'GET', url, req.headers);
    const record: FakeGeminiRequest = {
      op: route.op,
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body,
      ...(route.model ? { model: route.model } : {}),
    };
    if ((req.headers['content-type'] ?? '').includes('json') || route.op === 'generate' || route.op === 'embed') {
      try {
        record.json = JSON.parse(body.toString('utf8'));
      } catch {
        // not JSON
      }
    }
    this.requests.push(record);

    const send = (status: number, headers: Record<string, string>, payload?: string) => {
      record.status = status;
      res.writeHead(status, headers);
      res.end(payload);
    };
    const sendJson = (status: number, value: unknown, headers: Record<string, string> = {}) =>
      send(status, { 'content-type': 'application/json; charset=UTF-8', ...headers }, JSON.stringify(value));
    const sendFault = (fault: Exclude<FakeGeminiFault, { delayMs: number }>): boolean => {
      if ('hang' in fault) return true; // never answer; close() drops the socket
      const headers: Record<string, string> = {};
      if (fault.retryAfter) headers['retry-after'] = fault.retryAfter;
      if (fault.rawBody !== undefined) {
        send(fault.status, { 'content-type': 'text/plain', ...headers }, fault.rawBody);
        return true;
      }
      const details = fault.retryDelay
        ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: fault.retryDelay }]
        : undefined;
      sendJson(
        fault.status,
        {
          error: {
            code: fault.status,
            message: fault.message ?? `injected ${fault.status}`,
            status: statusName(fault.status),
            ...(details ? { details } : {}),
          },
        },
        headers,
      );
      return true;
    };
    const sendError = (status: number, message: string) => sendFault({ status, message });

    if (route.op === 'unknown') return void sendError(404, `fake Gemini does not implement ${req.method} ${url.pathname}`);
    if (req.headers['x-goog-api-key'] === undefined) return void sendError(401, 'missing x-goog-api-key');

    const fault = this.#faults.get(route.op)?.shift();
    if (fault && 'delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    else if (fault) return void sendFault(fault);

    switch (route.op) {
      case 'upload-start': {
        if (req.headers['x-goog-upload-protocol'] !== 'resumable' || req.headers['x-goog-upload-command'] !== 'start') {
          return void sendError(400, 'expected a resumable upload start');
        }
        const meta = ((record.json as { file?: PendingUpload['meta'] } | undefined)?.file ?? {}) as PendingUpload['meta'];
        const id = randomBytes(6).toString('hex');
        const declaredSize = Number(req.headers['x-goog-upload-header-content-length'] ?? meta.sizeBytes ?? -1);
        const mimeType = String(req.headers['x-goog-upload-header-content-type'] ?? meta.mimeType ?? '');
        this.#uploads.set(id, { id, version: route.version ?? 'v1beta', meta: { ...meta, mimeType }, declaredSize, chunks: [], received: 0 });
        return void send(200, {
          'x-goog-upload-url': `${this.baseUrl}/upload/${route.version ?? 'v1beta'}/files?upload_id=${id}&upload_protocol=resumable`,
          'x-goog-upload-status': 'active',
          'x-goog-upload-chunk-granularity': String(8 * 1024 * 1024),
          'content-type': 'text/plain',
        }, '');
      }
      case 'upload-chunk': {
        const upload = this.#uploads.get(url.searchParams.get('upload_id') ?? '');
        if (!upload) return void sendError(404, 'unknown upload id');
        const offset = Number(req.headers['x-goog-upload-offset'] ?? -1);
        if (offset !== upload.received) return void sendError(400, `bad offset ${offset}, expected ${upload.received}`);
        upload.chunks.push(body);
        upload.received += body.length;
        const command = String(req.headers['x-goog-upload-command'] ?? '');
        if (!command.includes('finalize')) {
          return void send(200, { 'x-goog-upload-status': 'active', 'content-type': 'text/plain' }, '');
        }
        this.#uploads.delete(upload.id);
        const data = Buffer.concat(upload.chunks);
        if (upload.declaredSize >= 0 && data.length !== upload.declaredSize) {
          return void sendError(400, `size mismatch: declared ${upload.declaredSize}, got ${data.length}`);
        }
        const file: FakeGeminiFile = {
          id: upload.id,
          name: `files/${upload.id}`,
          ...(upload.meta.displayName ? { displayName: upload.meta.displayName } : {}),
          mimeType: upload.meta.mimeType || 'application/octet-stream',
          sizeBytes: data.length,
          data,
          state: this.processingPolls > 0 ? 'PROCESSING' : this.finalFileState,
          pollsLeft: this.processingPolls,
          uri: `${this.baseUrl}/${upload.version}/files/${upload.id}`,
        };
        this.files.set(file.name, file);
        return void sendJson(200, { file: fileResource(file) }, { 'x-goog-upload-status': 'final' });
      }
      case 'file-get': {
        const file = this.files.get(`files/${route.fileId}`);
        if (!file) return void sendError(404, `File files/${route.fileId} not found`);
        if (file.state === 'PROCESSING') {
          if (file.pollsLeft > 0) {
            file.pollsLeft -= 1;
            return void sendJson(200, fileResource(file));
          }
          file.state = this.finalFileState;
        }
        return void sendJson(200, fileResource(file));
      }
      case 'file-delete': {
        const name = `files/${route.fileId}`;
        if (!this.files.delete(name)) return void sendError(404, `File ${name} not found`);
        this.deleted.push(name);
        return void sendJson(200, {});
      }
      case 'generate': {
        const reply = this.#generateReplies.shift() ?? this.onGenerate?.(record) ?? { status: 500, message: 'no scripted reply' };
        if ('delayMs' in reply) return void sendFault({ status: 500, message: 'delayMs is not a generate reply' });
        if ('status' in reply || 'hang' in reply) return void sendFault(reply);
        if ('blockReason' in reply) {
          return void sendJson(200, { promptFeedback: { blockReason: reply.blockReason }, usageMetadata: { promptTokenCount: 10 } });
        }
        const text = 'json' in reply ? JSON.stringify(reply.json) : reply.text;
        const finishReason = 'finishReason' in reply && reply.finishReason ? reply.finishReason : 'STOP';
        return void sendJson(200, {
          candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason, index: 0 }],
          usageMetadata: { promptTokenCount: 1000, candidatesTokenCount: 200, totalTokenCount: 1200 },
          modelVersion: route.model,
        });
      }
      case 'embed': {
        const embedOne = (r: { content?: { parts?: Array<{ text?: string }> }; outputDimensionality?: number }) => {
          const text = (r.content?.parts ?? []).map((p) => p.text ?? '').join('');
          const dims = r.outputDimensionality ?? 3072;
          return { values: (this.onEmbed ?? pseudoEmbedding)(text, dims) };
        };
        if (route.batch) {
          const requests = (record.json as { requests?: unknown[] } | undefined)?.requests;
          if (!Array.isArray(requests) || requests.length === 0) return void sendError(400, 'requests is empty');
          if (requests.length > 100) return void sendError(400, 'at most 100 requests can be in one batch');
          return void sendJson(200, { embeddings: requests.map((r) => embedOne(r as Parameters<typeof embedOne>[0])) });
        }
        return void sendJson(200, { embedding: embedOne((record.json ?? {}) as Parameters<typeof embedOne>[0]) });
      }
    }
  }
}

function fileResource(file: FakeGeminiFile): Record<string, unknown> {
  return {
    name: file.name,
    ...(file.displayName ? { displayName: file.displayName } : {}),
    mimeType: file.mimeType,
    sizeBytes: String(file.sizeBytes),
    createTime: '2030-01-02T03:04:05.000000Z',
    updateTime: '2030-01-02T03:04:05.000000Z',
    expirationTime: '2030-01-04T03:04:05.000000Z',
    sha256Hash: createHash('sha256').update(file.data).digest('base64'),
    uri: file.uri,
    state: file.state,
    source: 'UPLOADED',
    ...(file.state === 'FAILED' ? { error: { code: 3, message: 'The video could not be processed.' } } : {}),
  };
}

/** Deterministic, text-dependent values in [-3, 3): not unit length on purpose. */
export function pseudoEmbedding(text: string, dims: number): number[] {
  const out: number[] = [];
  let block = Buffer.alloc(0);
  for (let i = 0; out.length < dims; i++) {
    if (block.length < 4) block = createHash('sha256').update(`${i}:${text}`).digest();
    out.push((block.readUInt32BE(0) / 2 ** 32) * 6 - 3);
    block = block.subarray(4);
  }
  return out;
}

interface Route {
  op: FakeGeminiOp;
  model?: string;
  fileId?: string;
  batch?: boolean;
  version?: string;
}

function matchRoute(method: string, url: URL, headers: IncomingMessage['headers']): Route {
  const p = url.pathname;
  const upload = /^\/upload\/(v1|v1beta|v1alpha)\/files$/.exec(p);
  if (method === 'POST' && upload) {
    const op = url.searchParams.has('upload_id') || headers['x-goog-upload-command'] !== 'start' ? 'upload-chunk' : 'upload-start';
    return { op, version: upload[1] as string };
  }
  const file = /^\/(?:v1|v1beta|v1alpha)\/files\/([a-z0-9-]+)$/.exec(p);
  if (file) {
    if (method === 'GET') return { op: 'file-get', fileId: file[1] as string };
    if (method === 'DELETE') return { op: 'file-delete', fileId: file[1] as string };
  }
  const model = /^\/(?:v1|v1beta|v1alpha)\/models\/([^/:]+):(generateContent|batchEmbedContents|embedContent)$/.exec(p);
  if (model && method === 'POST') {
    if (model[2] === 'generateContent') return { op: 'generate', model: model[1] as string };
    return { op: 'embed', model: model[1] as string, batch: model[2] === 'batchEmbedContents' };
  }
  return { op: 'unknown' };
}

function statusName(status: number): string {
  const names: Record<number, string> = {
    400: 'INVALID_ARGUMENT',
    401: 'UNAUTHENTICATED',
    403: 'PERMISSION_DENIED',
    404: 'NOT_FOUND',
    429: 'RESOURCE_EXHAUSTED',
    500: 'INTERNAL',
    503: 'UNAVAILABLE',
    504: 'DEADLINE_EXCEEDED',
  };
  return names[status] ?? 'UNKNOWN';
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
