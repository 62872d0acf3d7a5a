/** Limits the server enforces too (api/src/routes/uploads.ts, core/src/media/probe-video.ts). */
export const MAX_VIDEO_BYTES = 4 * 1024 ** 3;
export const MAX_MEMO_BYTES = 100 * 1024 ** 2;
export const MAX_VIDEO_SECONDS = 60 * 60;
export const MIN_VIDEO_SECONDS = 1;
export const MAX_MEMO_SECONDS = 180;

const VIDEO_EXTENSIONS = /\.(mp4|mov|m4v|webm|mkv|3gp|avi)$/i;

export type VideoProblem =
  | { code: 'not_video' }
  | { code: 'empty' }
  | { code: 'too_large'; maxGb: number }
  | { code: 'too_long'; minutes: number; maxMinutes: number }
  | { code: 'too_short' };

/**
 * What can be said about a picked file before uploading it: its type (some phones send no MIME
 * type, so a known extension is enough), its size, and — when the browser could read it — its
 * duration. `durationSec` null means unknown (e.g. a codec this browser cannot decode): the
 * server's ingest stage decides then.
 */
export function checkVideoFile(file: { name: string; type: string; size: number }, durationSec: number | null): VideoProblem | null {
  const typeOk = file.type ? file.type.startsWith('video/') : VIDEO_EXTENSIONS.test(file.name);
  if (!typeOk && !(file.type === 'application/octet-stream' && VIDEO_EXTENSIONS.test(file.name))) return { code: 'not_video' };
  if (file.size === 0) return { code: 'empty' };
  if (file.size > MAX_VIDEO_BYTES) return { code: 'too_large', maxGb: MAX_VIDEO_BYTES / 1024 ** 3 };
  if (durationSec !== null && Number.isFinite(durationSec)) {
    if (durationSec > MAX_VIDEO_SECONDS) return { code: 'too_long', minutes: Math.round(durationSec / 60), maxMinutes: MAX_VIDEO_SECONDS / 60 };
    if (durationSec < MIN_VIDEO_SECONDS) return { code: 'too_short' };
  }
  return null;
}

/** The video's duration as the browser reads it, or null when it cannot (within a few seconds). */
export function readVideoDuration(file: Blob, timeoutMs = 8000): Promise<number | null> {
  return new Promise((resolve) => {
    const video = document.createElement('video');
    const url = URL.createObjectURL(file);
    let done = false;
    const finish = (value: number | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      video.removeAttribute('src');
      video.load();
      URL.revokeObjectURL(url);
      resolve(value);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    video.preload = 'metadata';
    video.muted = true;
    video.onloadedmetadata = () => finish(Number.isFinite(video.duration) && video.duration > 0 ? video.duration : null);
    video.onerror = () => finish(null);
    video.src = url;
  });
}

export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit >= 2 ? 1 : 0 }).format(value)} ${units[unit]}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
