import { createHash, randomBytes } from 'node:crypto';
import { startLoopbackServer } from '../../../testing/loopback-server';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * A loopback stand-in for the parts of the Gemini API (generativelanguage.googleapis.com) that
 * @google/genai calls, for tests only. It rejects what the real API rejects:
 * - the Files API exists only under v1beta (https://ai.google.dev/api/files): /v1/files and
 *   /upload/v1/files answer 404 as the real service does; models routes answer on v1 and v1beta;
 * - a model id that is not current (shut down: the 2.5, 2.0 and 1.5 families; or unknown) answers
 *   404 NOT_FOUND on models.get and generateContent (https://ai.google.dev/gemini-api/docs/deprecations);
 * - generateContent without contents, with an unknown mediaResolution, a videoMetadata.fps outside
 *   (0, 24], a fileUri that is not an ACTIVE file, or more input tokens than the model's limit
 *   (estimated from the video's duration with the documented per-frame and per-second token counts,
 *   https://ai.google.dev/gemini-api/docs/media-resolution#token-counts) answers 400 INVALID_ARGUMENT;
 *   so does a generationConfig.temperature outside [0, 2] or topP outside [0, 1]
 *   (https://ai.google.dev/api/generate-content#generationconfig);
 * - a file over the Files API's 2 GB per-file limit is refused at the upload start
 *   (https://ai.google.dev/gemini-api/docs/files);
 * - batchEmbedContents with an empty batch, more than 100 requests, or a request whose `model` is
 *   not the one in the path (https://ai.google.dev/api/embeddings#method:-models.batchembedcontents),
 *   and embedding contents without text, answer 400 INVALID_ARGUMENT.
 *
 *   GET    /v1beta/models/:model                      models.get (https://ai.google.dev/api/models#method:-models.get)
 *   POST   /upload/v1beta/files                       media.upload (https://ai.google.dev/api/files#method:-media.upload),
 *                                                     resumable protocol, "start" (X-Goog-Upload-Command: start)
 *                                                     → 200, X-Goog-Upload-URL, X-Goog-Upload-Status: active
 *   POST   /upload/v1beta/files?upload_id=…           chunk(s), X-Goog-Upload-Command "upload" / "upload, finalize",
 *                                                     X-Goog-Upload-Offset → final chunk: X-Goog-Upload-Status: final, {file}
 *   GET    /v1beta/files/:id                          files.get (state PROCESSING → ACTIVE, or FAILED; https://ai.google.dev/api/files#method:-files.get)
 *   DELETE /v1beta/files/:id                          files.delete (https://ai.google.dev/api/files#method:-files.delete)
 *   POST   /v1beta/models/:model:generateContent      scripted replies (https://ai.google.dev/api/generate-content#method:-models.generatecontent)
 *   POST   /v1beta/models/:model:batchEmbedContents   (what models.embedContent calls) deterministic vectors
 *                                                     (https://ai.google.dev/api/embeddings#method:-models.batchembedcontents)
 *   POST   /v1beta/models/:model:embedContent         single-content variant (https://ai.google.dev/api/embeddings#method:-models.embedcontent)
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
  | 'model-get'
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
  /** For an accepted generateContent: the input-token estimate. */
  promptTokens?: number;
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
  /** Video length the token estimate uses (set by the test through `videoDurationSec`). */
  durationSec?: number;
}

/** Current GA ids on Google's deprecations page (2026-12) plus the embedding model. */
export const CURRENT_GEMINI_MODELS: ReadonlyArray<string> = [
  'gemini-3.8-flash',
  'gemini-3.7-flash',
  'gemini-3.6-flash',
  'gemini-3.5-flash',
  'gemini-3.5-flash-lite',
  'gemini-embedding-001',
];
const INPUT_TOKEN_LIMIT = 1_048_576;
const MAX_FILE_BYTES = 2 * 1024 ** 3;
const MEDIA_RESOLUTIONS = new Set(['MEDIA_RESOLUTION_UNSPECIFIED', 'MEDIA_RESOLUTION_LOW', 'MEDIA_RESOLUTION_MEDIUM', 'MEDIA_RESOLUTION_HIGH']);

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
  /** Model ids this stub serves; anything else answers 404 NOT_FOUND like a shut-down model. */
  readonly models = new Set<string>(CURRENT_GEMINI_MODELS);
  /** Duration given to each uploaded video, for the input-token check (unset: not checked). */
  videoDurationSec: number | undefined;
  /** Input-token estimate of the last accepted generateContent request. */
  lastPromptTokens = 0;
  /** Extra time before answering a request (benchmarks with a service's latencies); 0 by default. */
  latencyFor: ((request: FakeGeminiRequest) => number) | undefined;
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

  /** Requests the stub refused (any 4xx/5xx, unknown routes included). */
  get rejected(): FakeGeminiRequest[] {
    return this.requests.filter((r) => (r.status ?? 0) >= 400);
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
    this.models.clear();
    for (const m of CURRENT_GEMINI_MODELS) this.models.add(m);
    this.videoDurationSec = undefined;
    this.lastPromptTokens = 0;
    this.latencyFor = undefined;
    this.onGenerate = undefined;
    this.onEmbed = undefined;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /**
   * Validates a GenerateContentRequest (https://ai.google.dev/api/generate-content#request-body) the
   * way the service does; returns the problem, or the estimated input tokens when it is acceptable.
   */
  #checkGenerate(json: unknown): string | number {
    const body = json as {
      contents?: Array<{ parts?: Array<{ text?: string; fileData?: { fileUri?: string }; videoMetadata?: { fps?: number } }> }>;
      generationConfig?: { mediaResolution?: string; temperature?: number; topP?: number };
      systemInstruction?: { parts?: Array<{ text?: string }> };
    } | undefined;
    if (!body || !Array.isArray(body.contents) || body.contents.length === 0) {
      return '* GenerateContentRequest.contents: contents is not specified';
    }
    const { temperature, topP } = body.generationConfig ?? {};
    if (temperature !== undefined && !(temperature >= 0 && temperature <= 2)) return `* GenerateContentRequest.generation_config.temperature: must be in [0.0, 2.0], got ${temperature}`;
    if (topP !== undefined && !(topP >= 0 && topP <= 1)) return `* GenerateContentRequest.generation_config.top_p: must be in [0.0, 1.0], got ${topP}`;
    const resolution = body.generationConfig?.mediaResolution;
    if (resolution !== undefined && !MEDIA_RESOLUTIONS.has(resolution)) {
      return `Invalid value at 'generation_config.media_resolution' (type.googleapis.com/google.ai.generativelanguage.v1beta.GenerationConfig.MediaResolution), "${resolution}"`;
    }
    const perFrame = resolution === 'MEDIA_RESOLUTION_LOW' ? TOKENS_PER_FRAME.low : TOKENS_PER_FRAME.other;
    let tokens = 0;
    for (const part of body.systemInstruction?.parts ?? []) tokens += Math.ceil(Buffer.byteLength(part.text ?? '') / 4);
    for (const content of body.contents) {
      for (const part of content.parts ?? []) {
        if (typeof part.text === 'string') tokens += Math.ceil(Buffer.byteLength(part.text) / 4);
        const fps = part.videoMetadata?.fps;
        if (fps !== undefined && !(fps > 0 && fps <= 24)) return `* GenerateContentRequest.contents.parts.video_metadata.fps: must be in (0, 24], got ${fps}`;
        const uri = part.fileData?.fileUri;
        if (uri === undefined) continue;
        const id = /\/files\/([a-z0-9-]+)$/.exec(uri)?.[1];
        const file = id ? this.files.get(`files/${id}`) : undefined;
        if (!file) return `File ${uri} does not exist or you do not have permission to access it.`;
        if (file.state !== 'ACTIVE') return `The File ${file.name} is not in an ACTIVE state and usage is not allowed.`;
        if (file.durationSec !== undefined) {
          tokens += Math.ceil(file.durationSec * (fps ?? 1)) * perFrame + Math.ceil(file.durationSec) * 32;
        }
      }
    }
    if (tokens > INPUT_TOKEN_LIMIT) {
      return `The input token count (${tokens}) exceeds the maximum number of tokens allowed (${INPUT_TOKEN_LIMIT}).`;
    }
    return tokens;
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

    if ((route.op === 'generate' || route.op === 'embed' || route.op === 'model-get') && !this.models.has(route.model ?? '')) {
      // The real service's answer for a shut-down or unknown id.
      return void sendError(
        404,
        `models/${route.model} is not found for API version ${route.version ?? 'v1beta'}, or is not supported for ${route.op === 'model-get' ? 'get' : 'generateContent'}. Call ListModels to see the list of available models and their supported methods.`,
      );
    }

    const fault = this.#faults.get(route.op)?.shift();
    if (fault && 'delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    else if (fault) return void sendFault(fault);

    const wait = async () => {
      const ms = this.latencyFor?.(record) ?? 0;
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
    };
    if (route.op !== 'generate') await wait();

    switch (route.op) {
      case 'upload-start': {
        if (req.headers['x-goog-upload-protocol'] !== 'resumable' || req.headers['x-goog-upload-command'] !== 'start') {
          return void sendError(400, 'expected a resumable upload start');
        }
        const meta = ((record.json as { file?: PendingUpload['meta'] } | undefined)?.file ?? {}) as PendingUpload['meta'];
        const id = randomBytes(6).toString('hex');
        const declaredSize = Number(req.headers['x-goog-upload-header-content-length'] ?? meta.sizeBytes ?? -1);
        if (declaredSize > MAX_FILE_BYTES) return void sendError(400, `File size ${declaredSize} bytes exceeds the maximum of ${MAX_FILE_BYTES} bytes.`);
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
          ...(this.videoDurationSec !== undefined ? { durationSec: this.videoDurationSec } : {}),
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
      case 'model-get': {
        return void sendJson(200, {
          name: `models/${route.model}`,
          baseModelId: route.model,
          version: '001',
          displayName: route.model,
          inputTokenLimit: INPUT_TOKEN_LIMIT,
          outputTokenLimit: 65_536,
          supportedGenerationMethods: route.model?.startsWith('gemini-embedding') ? ['embedContent'] : ['generateContent', 'countTokens'],
        });
      }
      case 'generate': {
        const invalid = this.#checkGenerate(record.json);
        if (typeof invalid === 'string') return void sendError(400, invalid);
        this.lastPromptTokens = invalid;
        record.promptTokens = invalid;
        await wait();
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
        type EmbedRequest = { model?: string; content?: { parts?: Array<{ text?: string }> }; outputDimensionality?: number };
        const textOf = (r: EmbedRequest) => (r.content?.parts ?? []).map((p) => p.text ?? '').join('');
        const embedOne = (r: EmbedRequest) => ({ values: (this.onEmbed ?? pseudoEmbedding)(textOf(r), r.outputDimensionality ?? 3072) });
        if (route.batch) {
          const requests = (record.json as { requests?: EmbedRequest[] } | undefined)?.requests;
          if (!Array.isArray(requests) || requests.length === 0) return void sendError(400, '* BatchEmbedContentsRequest.requests: requests is empty');
          if (requests.length > 100) return void sendError(400, '* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch');
          const foreign = requests.find((r) => r.model !== `models/${route.model}`);
          if (foreign) return void sendError(400, `Model in each request (${foreign.model}) must match the model in the path (models/${route.model}).`);
          if (requests.some((r) => textOf(r) === '')) return void sendError(400, '* BatchEmbedContentsRequest.requests.content: contents must not be empty');
          return void sendJson(200, { embeddings: requests.map(embedOne) });
        }
        if (textOf((record.json ?? {}) as EmbedRequest) === '') return void sendError(400, '* EmbedContentRequest.content: contents must not be empty');
        return void sendJson(200, { embedding: embedOne((record.json ?? {}) as EmbedRequest) });
      }
    }
  }
}

// Per frame incl. its timestamp, so that 1 fps + 32 audio tokens/s gives the documented ~300 (default) and ~100 (low) tokens/s.
const TOKENS_PER_FRAME = { low: 68, other: 268 };

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
  // Files API: v1beta only (https://ai.google.dev/api/files); /v1/files is a 404 on the real service.
  const upload = /^\/upload\/(v1beta)\/files$/.exec(p);
  if (method === 'POST' && upload) {
    const op = url.searchParams.has('upload_id') || headers['x-goog-upload-command'] !== 'start' ? 'upload-chunk' : 'upload-start';
    return { op, version: upload[1] as string };
  }
  const file = /^\/v1beta\/files\/([a-z0-9-]+)$/.exec(p);
  if (file) {
    if (method === 'GET') return { op: 'file-get', fileId: file[1] as string };
    if (method === 'DELETE') return { op: 'file-delete', fileId: file[1] as string };
  }
  // https://ai.google.dev/api/generate-content#method:-models.generatecontent and https://ai.google.dev/api/embeddings
  const model = /^\/(v1|v1beta)\/models\/([^/:]+):(generateContent|batchEmbedContents|embedContent)$/.exec(p);
  if (model && method === 'POST') {
    const version = model[1] as string;
    if (model[3] === 'generateContent') return { op: 'generate', model: model[2] as string, version };
    return { op: 'embed', model: model[2] as string, batch: model[3] === 'batchEmbedContents', version };
  }
  // https://ai.google.dev/api/models#method:-models.get
  const get = /^\/(v1|v1beta)\/models\/([^/:]+)$/.exec(p);
  if (get && method === 'GET') return { op: 'model-get', model: get[2] as string, version: get[1] as string };
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
