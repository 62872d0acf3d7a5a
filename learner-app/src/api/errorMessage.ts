import type { TFunction } from 'i18next';
import { isApiError } from './client';

/** A human-readable message for any failure; the server's own message wins when it sent one. */
export function errorMessage(err: unknown, t: TFunction): string {
  if (isApiError(err)) {
    if (err.kind === 'network') return t('errors.network');
    if (err.kind === 'bad_response') return t('errors.badResponse');
    if (err.hasServerMessage) return err.message;
    return t('errors.server', { status: err.status });
  }
  if (err instanceof TypeError) return t('errors.network'); // fetch's own network failure
  if (err instanceof Error && err.message) return err.message;
  return t('errors.badResponse');
}

export function errorRequestId(err: unknown): string | undefined {
  return isApiError(err) ? err.requestId : undefined;
}
