import type { ContentDispositionType } from './storage-provider';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Builds a Content-Disposition header value (RFC 6266 / RFC 8187):
 * `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded`.
 * The file name is reduced to its last path segment and stripped of control characters,
 * quotes and backslashes, so it can never break out of the header.
 */
export function contentDispositionHeader(type: ContentDispositionType, filename?: string): string {
  if (filename === undefined) return type;
  const clean = sanitizeFilename(filename);
  if (!clean) return type;
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_');
  const header = `${type}; filename="${ascii}"`;
  if (ascii === clean) return header;
  return `${header}; filename*=UTF-8''${encodeRfc8187(clean)}`;
}

export function sanitizeFilename(filename: string): string {
  const base = filename.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029"]/g, '')
    .replace(LONE_SURROGATE, '_')
    .trim()
    .replace(/^\.+/, '');
  return Array.from(cleaned).slice(0, 200).join('');
}

function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
