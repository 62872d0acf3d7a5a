import { startLoopbackServer } from '../../../testing/loopback-server';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * A loopback stand-in for Google Cloud Speech-to-Text v1 as @google-cloud/speech calls it in REST
 * mode (`fallback: true`), for tests only:
 *
 *   POST /v1/speech:recognize?$alt=json;enum-encoding=int   { config, audio: { content } }
 *
 * Replies are scripted (results, or faults: HTTP status with an optional RetryInfo delay, or a
 * hang). Every request is recorded with its parsed JSON body.
 */

export type FakeSpeechReply =
  | { results: Array<{ alternatives: Array<{ transcript: string; confidence?: number }> }> }
  | { status: number; message?: string; retryDelay?: string }
  | { hang: true };

export interface FakeSpeechRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  json: unknown;
  status?: number;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export class FakeSpeechServer {
  readonly requests: FakeSpeechRequest[] = [];
  readonly #replies: FakeSpeechReply[] = [];
  #server!: Server;

  #url = '';

  static async start(): Promise<FakeSpeechServer> {
    const fake = new FakeSpeechServer();
    const { server, url } = await startLoopbackServer((req, res) => fake.#handle(req, res));
    fake.#server = server;
    fake.#url = url;
    return fake;
  }

  get endpoint(): string {
    return this.#url;
  }

  reply(...replies: FakeSpeechReply[]): void {
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
    const raw = Buffer.concat(chunks).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const record: FakeSpeechRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, json };
    this.requests.push(record);
    const sendJson = (status: number, value: unknown) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify(value));
    };
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method !== 'POST' || path !== '/v1/speech:recognize') {
      return sendJson(404, { error: { code: 404, message: `the stub has no route for ${req.method} ${path}`, status: 'NOT_FOUND' } });
    }
    const reply = this.#replies.shift() ?? { results: [] };
    if ('hang' in reply) return;
    if ('status' in reply) {
      const details = reply.retryDelay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: reply.retryDelay }] : [];
      return sendJson(reply.status, {
        error: { code: reply.status, message: reply.message ?? `injected ${reply.status}`, status: STATUS_NAMES[reply.status] ?? 'UNKNOWN', details },
      });
    }
    return sendJson(200, { ...reply, totalBilledTime: '15s', requestId: '1234' });
  }
}
