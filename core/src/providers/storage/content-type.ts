/** Content types for the extensions the pipeline produces, plus the rules for serving them inline. */

const BY_EXTENSION: Readonly<Record<string, string>> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  flac: 'audio/flac',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  heic: 'image/heic',
  json: 'application/json',
  vtt: 'text/vtt',
  txt: 'text/plain; charset=utf-8',
  pdf: 'application/pdf',
};

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** Content type implied by a key's extension (application/octet-stream when unknown). */
export function contentTypeForKey(key: string): string {
  const dot = key.lastIndexOf('.');
  const ext = dot >= 0 ? key.slice(dot + 1).toLowerCase() : '';
  return BY_EXTENSION[ext] ?? DEFAULT_CONTENT_TYPE;
}

/**
 * Whether a browser may render this type inline on our origin. Anything that can run script
 * (text/html, image/svg+xml, XML, ...) or is unknown is forced to download instead.
 */
export function isSafeInline(contentType: string): boolean {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('video/') || type.startsWith('audio/')) return true;
  if (type.startsWith('image/')) return type !== 'image/svg+xml';
  return ['application/json', 'text/plain', 'text/vtt', 'application/pdf'].includes(type);
}
