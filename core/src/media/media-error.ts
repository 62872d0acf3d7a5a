import { AppError } from '../errors';

/**
 * Why a file was rejected or a media step failed. The codes are stable: the pipeline stores them
 * on the session and the apps map them to their own copy.
 */
export const MEDIA_ERROR_CODES = [
  // The upload is not something we can coach from (permanent: retrying will not help).
  'file_not_found',
  'empty_file',
  'not_media',
  'corrupt',
  'no_video_stream',
  'still_image',
  'unsupported_codec',
  'unknown_duration',
  'too_long',
  'frame_too_large',
  // Our side: the tool is missing or a processing step failed (worth retrying or fixing the host).
  'tool_missing',
  'processing_failed',
] as const;
export type MediaErrorCode = (typeof MEDIA_ERROR_CODES)[number];

export interface Bilingual {
  ja: string;
  en: string;
}

const MESSAGES: Record<MediaErrorCode, Bilingual> = {
  file_not_found: {
    ja: '動画ファイルが見つかりませんでした。もう一度アップロードしてください。',
    en: 'The video file could not be found. Please upload it again.',
  },
  empty_file: {
    ja: 'ファイルが空です（0 バイト）。アップロードが途中で止まった可能性があります。もう一度アップロードしてください。',
    en: 'The file is empty (0 bytes). The upload may have stopped early. Please upload it again.',
  },
  not_media: {
    ja: 'このファイルは動画ではないようです。スマートフォンで撮影した動画（MP4 / MOV など）をアップロードしてください。',
    en: 'This file does not look like a video. Please upload a video recorded on your phone (MP4, MOV, …).',
  },
  corrupt: {
    ja: '動画ファイルが壊れているか、途中で切れています。撮影した動画をもう一度アップロードしてください。',
    en: 'The video file is damaged or cut off. Please upload the recording again.',
  },
  no_video_stream: {
    ja: 'このファイルには映像が含まれていません（音声のみ）。調理の様子を撮影した動画をアップロードしてください。',
    en: 'This file has no picture (audio only). Please upload a video of your cooking.',
  },
  still_image: {
    ja: 'これは静止画です。調理の様子を撮影した動画をアップロードしてください。',
    en: 'This is a still image. Please upload a video of your cooking.',
  },
  unsupported_codec: {
    ja: 'この動画の形式には対応していません。スマートフォンの標準カメラで撮影した動画をアップロードしてください。',
    en: "This video's format is not supported. Please upload a video from your phone's standard camera app.",
  },
  unknown_duration: {
    ja: '動画の長さを読み取れませんでした（0 秒または不明）。もう一度撮影するか、別の動画をアップロードしてください。',
    en: 'The length of the video could not be read (zero or unknown). Please record again or upload another video.',
  },
  too_long: {
    ja: '動画が長すぎます（60 分まで）。調理の部分だけを切り出してアップロードしてください。',
    en: 'The video is too long (the limit is 60 minutes). Please trim it to the cooking and upload it again.',
  },
  frame_too_large: {
    ja: '動画の解像度が高すぎます（長辺 4096 ピクセルまで）。4K 以下の設定で撮影した動画をアップロードしてください。',
    en: 'The video resolution is too high (at most 4096 pixels on the long side). Please record at 4K or below.',
  },
  tool_missing: {
    ja: 'サーバーで動画処理ツール（ffmpeg）が見つかりません。管理者に連絡してください。',
    en: 'The video tools (ffmpeg) are missing on the server. Please contact the administrator.',
  },
  processing_failed: {
    ja: '動画の処理中にエラーが発生しました。しばらくしてから自動的に再試行します。',
    en: 'Something went wrong while processing the video. It will be retried automatically.',
  },
};

const PERMANENT = new Set<MediaErrorCode>([
  'file_not_found',
  'empty_file',
  'not_media',
  'corrupt',
  'no_video_stream',
  'still_image',
  'unsupported_codec',
  'unknown_duration',
  'too_long',
  'frame_too_large',
]);

export interface MediaErrorOptions {
  /** A more specific English message than the default for the code (still safe to show a user). */
  message?: string;
  /** Safe, user-facing facts: e.g. { durationSec: 4210 }. Sent to clients with the error. */
  details?: Record<string, unknown>;
  /** The tail of ffmpeg/ffprobe's stderr: for logs only, never for users (it can contain paths). */
  toolOutput?: string;
  cause?: unknown;
}

/**
 * A media failure with a stable code and a message in Japanese and English. Rejections of the
 * cook's file are 422 and `permanent` (a retry cannot fix them); tool faults are 500 and retryable.
 */
export class MediaError extends AppError {
  readonly messages: Bilingual;
  readonly permanent: boolean;
  readonly toolOutput: string | undefined;
  override readonly code: MediaErrorCode;

  constructor(code: MediaErrorCode, options: MediaErrorOptions = {}) {
    const messages = MESSAGES[code];
    const permanent = PERMANENT.has(code);
    super(permanent ? 422 : 500, code, options.message ?? messages.en, { ...options.details, messageJa: messages.ja });
    this.code = code;
    this.messages = messages;
    this.permanent = permanent;
    this.toolOutput = options.toolOutput;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/** Whether a stored failure code is a rejection of the cook's file that no retry can fix. */
export function isPermanentMediaErrorCode(code: string | null | undefined): boolean {
  return PERMANENT.has(code as MediaErrorCode);
}

export function mediaErrorMessage(code: MediaErrorCode): Bilingual {
  return MESSAGES[code];
}

export function isMediaError(err: unknown, code?: MediaErrorCode): err is MediaError {
  return err instanceof MediaError && (code === undefined || err.code === code);
}
