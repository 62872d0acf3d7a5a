import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { startLoopbackServer } from './loopback-server';

/** A request the stub received, with its body parsed as JSON (undefined when it is not JSON). */
export interface StubRequest<Json = unknown> {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  json: Json | undefined;
  /** The status the stub answered (unset while hanging). */
  status?: number;
}

/** What the stub sends: a status, a body, extra headers; or nothing at all ('hang', for timeouts). */
export type StubAnswer = { status: number; body: string; headers?: Record<string, string> } | 'hang';

/**
 * The scaffolding of a loopback stand-in for one outside API route, for tests only: it records every
 * request, answers each with the next scripted reply (or the default when none is left), and
 * answers any other route 404 in Google's JSON error shape. Subclasses say how a reply is answered.
 */
export abstract class ScriptedStubServer<Reply, Json = unknown> {
  readonly requests: Array<StubRequest<Json>> = [];
  readonly #replies: Reply[] = [];
  #server: Server | undefined;
  #url = '';

  protected constructor(private readonly route: { method: string; path: string }) {}

  /** Answers one scripted reply (undefined: none left, answer the default). */
  protected abstract answer(reply: Reply | undefined, request: StubRequest<Json>): StubAnswer;

  protected static async listen<S extends ScriptedStubServer<unknown, unknown>>(stub: S): Promise<S> {
    const { server, url } = await startLoopbackServer((req, res) => stub.#handle(req, res));
    stub.#server = server;
    stub.#url = url;
    return stub;
  }

  /** http://127.0.0.1:<port> */
  get url(): string {
    return this.#url;
  }

  /** Requests the stub refused (any 4xx/5xx, unknown routes included). */
  get rejected(): Array<StubRequest<Json>> {
    return this.requests.filter((r) => (r.status ?? 0) >= 400);
  }

  reply(...replies: Reply[]): void {
    this.#replies.push(...replies);
  }

  reset(): void {
    this.requests.length = 0;
    this.#replies.length = 0;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let json: Json | undefined;
    try {
      json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
    } catch {
      json = undefined;
    }
    const request: StubRequest<Json> = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, json };
    this.requests.push(request);
    const path = new URL(req.url ?? '/', 'http://stub').pathname;
    const answer: StubAnswer =
      req.method !== this.route.method || path !== this.route.path
        ? { status: 404, body: JSON.stringify({ error: { code: 404, message: `the stub has no route for ${req.method} ${path}`, status: 'NOT_FOUND' } }) }
        : this.answer(this.#replies.shift(), request);
    if (answer === 'hang') return;
    request.status = answer.status;
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8', ...answer.headers });
    res.end(answer.body);
  }
}
