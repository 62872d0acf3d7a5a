import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { startLoopbackServer } from '../../../testing/loopback-server';
import { wrapPcm16 } from '../wav';

/**
 * A loopback stand-in for Google Cloud Text-to-Speech v1, for tests only:
 *
 *   POST /v1/text:synthesize   { input: { text }, voice, audioConfig } → { audioContent: base64 }
 *
 * By default it answers a WAV (LINEAR16 with header, as the real API does) of silence, 0.1 s per
 * character at the requested sample rate. Faults are scripted: an HTTP status (with Retry-After),
 * a raw body (malformed output), or a hang.
 */
export type FakeTtsReply = { ok: true } | { status: number; message?: string; retryAfter?: number } | { body: string } | { hang: true };

export interface FakeTtsRequest {
  url: string;
  headers: IncomingMessage['headers'];
  json: { input?: { text?: string }; voice?: { languageCode?: string; name?: string }; audioConfig?: { audioEncoding?: string; sampleRateHertz?: number } } | undefined;
}

export class FakeTtsServer {
  readonly requests: FakeTtsRequest[] = [];
  readonly #replies: FakeTtsReply[] = [];
  #server!: Server;
  #url = '';

  static async start(): Promise<FakeTtsServer> {
    const fake = new FakeTtsServer();
    const { server, url } = await startLoopbackServer((req, res) => fake.#handle(req, res));
    fake.#server = server;
    fake.#url = url;
    return fake;
  }

  get baseUrl(): string {
    return this.#url;
  }

  reply(...replies: FakeTtsReply[]): void {
    this.#replies.push(...replies);
  }

  reset(): void {
    this.requests.length = 0;
    this.#replies.length = 0;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let json: FakeTtsRequest['json'];
    try {
      json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FakeTtsRequest['json'];
    } catch {
      json = undefined;
    }
    this.requests.push({ url: req.url ?? '', headers: req.headers, json });
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
      res.end(body);
    };
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method !== 'POST' || path !== '/v1/text:synthesize') return send(404, JSON.stringify({ error: { code: 404, message: `no route for ${req.method} ${path}` } }));
    const reply = this.#replies.shift() ?? { ok: true };
    if ('hang' in reply) return;
    if ('body' in reply) return send(200, reply.body);
    if ('status' in reply) {
      return send(reply.status, JSON.stringify({ error: { code: reply.status, message: reply.message ?? `injected ${reply.status}` } }), reply.retryAfter ? { 'retry-after': String(reply.retryAfter) } : {});
    }
    const text = json?.input?.text ?? '';
    const rate = json?.audioConfig?.sampleRateHertz ?? 24_000;
    const wav = wrapPcm16(Buffer.alloc(Math.round([...text].length * 0.1 * rate) * 2), rate);
    return send(200, JSON.stringify({ audioContent: wav.toString('base64') }));
  }
}
