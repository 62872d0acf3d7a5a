import { ApiError } from '@google/genai';
import { AiProviderError } from './ai-provider';

/**
 * Classifies a failure from @google/genai. The SDK throws `ApiError { status, message }` where
 * the message is the JSON error body; a Gemini 429 carries `google.rpc.RetryInfo.retryDelay`
 * ("37s") in `error.details`. An HTTP Retry-After header is not visible on ApiError, so the
 * client's fetch wrapper captures it and passes it here.
 */
export function toAiProviderError(err: unknown, what: string, retryAfterHeader?: string | null): AiProviderError {
  if (err instanceof AiProviderError) return err;
  if (err instanceof ApiError) {
    const body = parseErrorBody(err.message);
    const detail = body.message ? `: ${truncate(body.message, 300)}` : '';
    const message = `Gemini ${what} failed with HTTP ${err.status}${detail}`;
    const status = err.status;
    if (status === 429) {
      return new AiProviderError(message, 'rate_limited', retryAfterSeconds(retryAfterHeader) ?? body.retryDelaySeconds);
    }
    if (status === 408) return new AiProviderError(message, 'timeout');
    if (status >= 500) return new AiProviderError(message, 'unavailable', retryAfterSeconds(retryAfterHeader));
    if (status === 401 || status === 403) return new AiProviderError(message, 'config');
    return new AiProviderError(message, 'rejected');
  }
  if (err instanceof Error) {
    if (err.name === 'AbortError' || err.name === 'TimeoutError') {
      return new AiProviderError(`Gemini ${what} timed out or was aborted`, 'timeout');
    }
    return new AiProviderError(`Gemini ${what} failed: ${truncate(err.message, 300)}`, 'unavailable');
  }
  return new AiProviderError(`Gemini ${what} failed: ${String(err)}`, 'unavailable');
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

interface ParsedErrorBody {
  message?: string;
  retryDelaySeconds?: number;
}

function parseErrorBody(raw: string): ParsedErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { message: raw };
  }
  const error = (json as { error?: { message?: unknown; details?: unknown } } | null)?.error;
  if (!error || typeof error !== 'object') return { message: raw };
  const out: ParsedErrorBody = {};
  if (typeof error.message === 'string') out.message = error.message;
  if (Array.isArray(error.details)) {
    for (const d of error.details as Array<Record<string, unknown>>) {
      if (typeof d?.['@type'] === 'string' && d['@type'].endsWith('google.rpc.RetryInfo')) {
        const secs = parseDuration(d.retryDelay);
        if (secs !== undefined) out.retryDelaySeconds = secs;
      }
    }
  }
  return out;
}

/** protobuf Duration JSON ("37s", "1.5s") or { seconds, nanos } → whole seconds, rounded up. */
function parseDuration(v: unknown): number | undefined {
  if (typeof v === 'string') {
    const m = /^(\d+(?:\.\d+)?)s$/.exec(v.trim());
    return m ? Math.ceil(Number(m[1])) : undefined;
  }
  if (v && typeof v === 'object') {
    const { seconds, nanos } = v as { seconds?: unknown; nanos?: unknown };
    const s = Number(seconds ?? 0) + Number(nanos ?? 0) / 1e9;
    return Number.isFinite(s) && s > 0 ? Math.ceil(s) : undefined;
  }
  return undefined;
}

/** HTTP Retry-After: delta-seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
