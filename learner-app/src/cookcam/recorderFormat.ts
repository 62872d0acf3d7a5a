import { MIN_COACHABLE_CLIP_SEC } from '@ajimi/core/domain/coaching-limits';
/**
 * The best recording format this browser offers: H.264/AAC in MP4 first (what the analyzers and
 * every player handle natively), then WebM (VP9/VP8 + Opus). The server accepts both.
 */
export const RECORDER_FORMATS = [
  'video/mp4;codecs=avc1.640028,mp4a.40.2',
  'video/mp4;codecs=avc1.42E01E,mp4a.40.2',
  'video/mp4;codecs=avc1,mp4a',
  'video/mp4',
  'video/webm;codecs=vp9,opus',
  'video/webm;codecs=vp8,opus',
  'video/webm',
] as const;

export function pickRecorderFormat(isTypeSupported: (type: string) => boolean): string | null {
  return RECORDER_FORMATS.find((type) => isTypeSupported(type)) ?? null;
}

export type CookCamUnavailable = 'no_media_recorder' | 'no_camera_api' | 'no_format' | 'insecure';

/** Why this browser cannot film in the app (then the cook uses the file upload), or null. */
export function cookCamSupport(env: {
  isSecureContext: boolean;
  hasGetUserMedia: boolean;
  mediaRecorder: { isTypeSupported(type: string): boolean } | undefined;
}): CookCamUnavailable | null {
  if (!env.isSecureContext) return 'insecure';
  if (!env.hasGetUserMedia) return 'no_camera_api';
  if (!env.mediaRecorder) return 'no_media_recorder';
  if (!pickRecorderFormat((t) => env.mediaRecorder!.isTypeSupported(t))) return 'no_format';
  return null;
}

export function browserCookCamSupport(): CookCamUnavailable | null {
  return cookCamSupport({
    isSecureContext: window.isSecureContext,
    hasGetUserMedia: Boolean(navigator.mediaDevices?.getUserMedia),
    mediaRecorder: typeof MediaRecorder === 'undefined' ? undefined : MediaRecorder,
  });
}

/** Recordings shorter than this cannot be coached: the analyzer's own minimum (its cooking gate). */
export const MIN_COACHABLE_SEC = MIN_COACHABLE_CLIP_SEC;
