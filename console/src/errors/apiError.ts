import { HttpError } from 'react-admin';

/**
 * Error codes the API sends (core/src/errors.ts and the services' typed errors) that have words in
 * both languages under ajimi.errors.*. The server's own message is English developer text: it is
 * never shown as is.
 */
export const KNOWN_ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'body_too_large',
  'bad_request',
  'unauthorized',
  'unauthenticated',
  'invalid_credentials',
  'account_disabled',
  'forbidden',
  'not_found',
  'conflict',
  'version_conflict',
  'slug_taken',
  'core_taken',
  'email_taken',
  'no_password',
  'held_by_other',
  'failure_permanent',
  'timeline_invalid',
  'rate_limited',
  'too_many_questions',
  'dashboard_not_installed',
  'internal_error',
] as const;

const KNOWN = new Set<string>(KNOWN_ERROR_CODES);

/** The translation key for an API error: its code's words, else words for its HTTP status class. */
export function errorMessageKey(code: string | undefined, status: number): string {
  if (code && KNOWN.has(code)) return `ajimi.errors.${code}`;
  if (status === 0) return 'ajimi.errors.network';
  if (status >= 500) return 'ajimi.errors.internal_error';
  if (status === 401) return 'ajimi.errors.unauthorized';
  if (status === 403) return 'ajimi.errors.forbidden';
  if (status === 404) return 'ajimi.errors.not_found';
  if (status === 409) return 'ajimi.errors.conflict';
  if (status === 429) return 'ajimi.errors.rate_limited';
  return 'ajimi.errors.unknown';
}

interface ApiErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
  requestId?: string;
}

/**
 * An API error as the console shows it: `message` is a translation key (react-admin's notifier
 * translates it); the code and request id are kept for a "Details" toggle.
 */
export class ApiError extends HttpError {
  readonly code: string | undefined;
  readonly requestId: string | undefined;

  constructor(status: number, body: unknown) {
    const envelope = (body ?? {}) as ApiErrorBody;
    const code = typeof envelope.error?.code === 'string' ? envelope.error.code : undefined;
    super(errorMessageKey(code, status), status, body);
    this.code = code;
    this.requestId = typeof envelope.requestId === 'string' ? envelope.requestId : undefined;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
