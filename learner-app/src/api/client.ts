import type { ApiErrorBody } from './types';

/**
 * Why a request failed:
 * - `http`: the server answered with an error status (message comes from the server when it sent one)
 * - `network`: no answer at all (offline, server down, DNS, CORS)
 * - `bad_response`: a success status with a body we could not understand
 */
export type ApiErrorKind = 'http' | 'network' | 'bad_response';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  /** True when `message` is the server's own human-readable text. */
  readonly hasServerMessage: boolean;

  constructor(init: {
    kind: ApiErrorKind;
    status?: number;
    code?: string;
    message?: string;
    requestId?: string;
    cause?: unknown;
  }) {
    super(init.message ?? init.code ?? init.kind, { cause: init.cause });
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.code = init.code;
    this.requestId = init.requestId;
    this.hasServerMessage = Boolean(init.message);
  }

  get isUnauthorized(): boolean {
    return this.kind === 'http' && this.status === 401;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls the same-origin API with the session cookie. Resolves with the parsed JSON body
 * (undefined for 204), rejects with an ApiError.
 */
export async function apiRequest(path: string, options: RequestOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      credentials: 'include',
      headers,
      body,
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause; // let callers ignore aborts
    throw new ApiError({ kind: 'network', cause });
  }

  if (response.status === 204) return undefined;

  const text = await response.text().catch(() => '');
  let json: unknown;
  let parsed = false;
  if (text) {
    try {
      json = JSON.parse(text);
      parsed = true;
    } catch {
      parsed = false;
    }
  }

  if (!response.ok) {
    const requestId = response.headers.get('x-request-id') ?? undefined;
    if (parsed && isErrorBody(json)) {
      throw new ApiError({
        kind: 'http',
        status: response.status,
        code: json.error.code,
        message: json.error.message,
        requestId: json.requestId ?? requestId,
      });
    }
    // e.g. a proxy's 502 page while the API is restarting
    throw new ApiError({ kind: 'http', status: response.status, requestId });
  }

  if (!parsed) throw new ApiError({ kind: 'bad_response', status: response.status });
  return json;
}
