/**
 * What must never reach a log line: session cookies (request and response), bearer tokens,
 * and the signatures or tokens carried in URLs (a signed media URL replayed from a log is a valid link).
 */
const SECRET_HEADERS = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization', 'x-goog-signature']);

/** Query parameters whose value is a credential: local media signatures, GCS V4 signatures, upload or push tokens. */
const SECRET_PARAM = /^(sig|signature|token|access_token|id_token|key|code|x-goog-signature|x-goog-credential|x-amz-signature|x-amz-credential|auth|secret|password)$/i;

export const REDACTED = '[redacted]';

/** The URL with every credential-bearing query value replaced; the path and other parameters stay readable. */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const q = url.indexOf('?');
  if (q < 0) return url;
  const pairs = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A malformed name is logged as it came.
      }
      return eq >= 0 && SECRET_PARAM.test(decoded) ? `${name}=${REDACTED}` : pair;
    });
  return `${url.slice(0, q)}?${pairs.join('&')}`;
}

/** Headers with credentials removed (a copy; the live request is untouched). */
export function redactHeaders(headers: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!headers) return headers;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  return out;
}

function redactQuery(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(query)) out[name] = SECRET_PARAM.test(name) ? REDACTED : value;
  return out;
}

/** pino-http serializers (applied after the standard ones) that keep credentials out of request logs. */
export const httpLogSerializers = {
  req(req: { url?: string; headers?: Record<string, unknown>; query?: unknown }) {
    return { ...req, url: redactUrl(req.url), headers: redactHeaders(req.headers), query: redactQuery(req.query) };
  },
  res(res: { headers?: Record<string, unknown> }) {
    return { ...res, headers: redactHeaders(res.headers) };
  },
};
