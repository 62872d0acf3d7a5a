import { AsyncLocalStorage } from 'node:async_hooks';
import { GoogleGenAI } from '@google/genai';
import { AiProviderError } from './ai-provider';
import { toAiProviderError } from './gemini-errors';
import { GEMINI_API_VERSION } from './gemini-models';

export interface GeminiClientOptions {
  apiKey: string;
  /** e.g. "gemini-3.8-flash" (video analysis and text) or "gemini-embedding-001". */
  model: string;
  /**
   * Alternative API origin, e.g. a loopback stub in tests ("http://127.0.0.1:43210"). Unset in
   * production (https://generativelanguage.googleapis.com). Uploads follow it too: the SDK
   * rewrites the resumable upload URL's origin to this base URL.
   */
  baseUrl?: string | undefined;
  /**
   * Deadline in ms for each HTTP request (one upload chunk, one poll, one generateContent).
   * The SDK aborts the request when it passes; the error is mapped to AiProviderError('timeout').
   */
  timeoutMs: number;
  /** API version path segment (default GEMINI_API_VERSION, v1beta: where the official reference documents every call we make). */
  apiVersion?: string | undefined;
}

export interface GeminiClient {
  readonly ai: GoogleGenAI;
  readonly model: string;
  readonly timeoutMs: number;
  /**
   * Runs one SDK call and maps any failure to AiProviderError (rate_limited with retry-after
   * seconds, unavailable, timeout, rejected, config). `what` names the call in messages.
   */
  call<T>(what: string, fn: () => Promise<T>): Promise<T>;
}

interface CallContext {
  retryAfter: string | null;
}

const UNDICI_GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

interface Dispatcher {
  dispatch(opts: Record<string, unknown>, handler: unknown): boolean;
}

/**
 * The SDK gives Node's fetch a dispatcher with undici's own 300 s header/body timeouts turned off
 * (requests are bounded by httpOptions.timeout instead), but only when no custom fetch is set.
 * Our fetch wrapper keeps that behaviour the same way the SDK does.
 */
const noUndiciTimeouts: Dispatcher = {
  dispatch(opts, handler) {
    const global = (globalThis as Record<symbol, Dispatcher | undefined>)[UNDICI_GLOBAL_DISPATCHER];
    if (!global) throw new Error('undici global dispatcher is not available');
    return global.dispatch({ ...opts, headersTimeout: 0, bodyTimeout: 0 }, handler);
  },
};

export function createGeminiClient(options: GeminiClientOptions): GeminiClient {
  if (!options.apiKey) throw new AiProviderError('Gemini needs an API key (GEMINI_API_KEY).', 'config');
  if (!options.model) throw new AiProviderError('Gemini needs a model name.', 'config');
  if (!(options.timeoutMs > 0)) throw new AiProviderError('Gemini timeoutMs must be positive.', 'config');

  const context = new AsyncLocalStorage<CallContext>();
  // Make sure Node has initialised its fetch (and so undici's global dispatcher).
  if (!(globalThis as Record<symbol, unknown>)[UNDICI_GLOBAL_DISPATCHER]) new Headers();
  const haveDispatcher = Boolean((globalThis as Record<symbol, unknown>)[UNDICI_GLOBAL_DISPATCHER]);

  // Records the Retry-After header of a failed response for the call in progress (ApiError drops headers).
  const recordingFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, haveDispatcher ? ({ ...init, dispatcher: noUndiciTimeouts } as RequestInit) : init);
    if (!response.ok) {
      const ctx = context.getStore();
      if (ctx) ctx.retryAfter = response.headers.get('retry-after');
    }
    return response;
  };

  const ai = new GoogleGenAI({
    vertexai: false,
    apiKey: options.apiKey,
    apiVersion: options.apiVersion ?? GEMINI_API_VERSION,
    httpOptions: {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      timeout: options.timeoutMs,
      fetch: recordingFetch,
    },
  });

  return {
    ai,
    model: options.model,
    timeoutMs: options.timeoutMs,
    async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
      const ctx: CallContext = { retryAfter: null };
      try {
        return await context.run(ctx, fn);
      } catch (err) {
        throw toAiProviderError(err, what, ctx.retryAfter);
      }
    },
  };
}
