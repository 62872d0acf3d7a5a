import { MediaResolution } from '@google/genai';
import { GEMINI_INPUT_TOKEN_LIMIT } from './gemini-models';

/**
 * Token costs of video input, from the official pages
 * (https://ai.google.dev/gemini-api/docs/video-understanding and
 * https://ai.google.dev/gemini-api/docs/media-resolution#token-counts): "about 300 tokens per
 * second at the default media resolution, about 100 at low"; of that, audio is 32 tokens a second
 * at every resolution and a frame is 258 (default) or 66 (low) tokens, plus its timestamp. Frames
 * are sampled at 1 fps unless videoMetadata.fps says otherwise ((0, 24]).
 */
export const TOKENS_PER_FRAME = { default: 268, low: 68 } as const;
export const AUDIO_TOKENS_PER_SECOND = 32;
export const DEFAULT_FPS = 1;
/** Slowest frame rate we accept: below one frame every 4 s a stir or a flip falls between frames. */
export const MIN_FPS = 0.25;
/**
 * Past this many video tokens (≈11 min at the default resolution) low resolution is used even when
 * the default would fit: a long session's cost and answer time then grow at a third of the rate,
 * and 1 frame a second at low resolution still shows the pan, the hands and the colour.
 */
export const DEFAULT_RESOLUTION_TOKEN_BUDGET = 200_000;
/** Room kept for the prompt (signals summary, rubric, note) and the repair round's extra turn. */
export const PROMPT_RESERVE_TOKENS = 60_000;

export interface VideoPlan {
  /** Sent as generationConfig.mediaResolution (undefined: the model's default). */
  mediaResolution: MediaResolution | undefined;
  /** Sent as the video part's videoMetadata.fps. */
  fps: number;
  /** Estimated input tokens of the video part alone. */
  videoTokens: number;
  /** Deadline for one generateContent call over this video. */
  generateTimeoutMs: number;
  /** How long to wait for the uploaded file to become ACTIVE. */
  fileActiveTimeoutMs: number;
}

export function estimateVideoTokens(durationSec: number, fps: number, resolution: 'default' | 'low', hasAudio = true): number {
  const frames = Math.ceil(durationSec * fps);
  return frames * TOKENS_PER_FRAME[resolution] + (hasAudio ? Math.ceil(durationSec) * AUDIO_TOKENS_PER_SECOND : 0);
}

export class VideoTooLongError extends Error {
  override name = 'VideoTooLongError';
}

/**
 * Chooses resolution and frame rate so the request fits the input limit: the default resolution at
 * 1 fps for up to ~11 min (DEFAULT_RESOLUTION_TOKEN_BUDGET), else low resolution at 1 fps (up to
 * ~2.7 h), else low resolution with fewer frames a second. Timeouts grow with the duration: Gemini's processing and
 * answer time scale with the tokens it reads.
 */
export function planVideoRequest(
  durationSec: number,
  options: { hasAudio?: boolean; inputTokenLimit?: number; /** The deadline for up to 10 min of video (GEMINI_TIMEOUT_MS). */ baseTimeoutMs?: number } = {},
): VideoPlan {
  const hasAudio = options.hasAudio ?? true;
  const budget = (options.inputTokenLimit ?? GEMINI_INPUT_TOKEN_LIMIT) - PROMPT_RESERVE_TOKENS;
  const seconds = Math.max(1, durationSec);
  const timeouts = sizeTimeouts(seconds, options.baseTimeoutMs ?? 180_000);

  const atDefault = estimateVideoTokens(seconds, DEFAULT_FPS, 'default', hasAudio);
  if (atDefault <= Math.min(budget, DEFAULT_RESOLUTION_TOKEN_BUDGET)) return { mediaResolution: undefined, fps: DEFAULT_FPS, videoTokens: atDefault, ...timeouts };

  const atLow = estimateVideoTokens(seconds, DEFAULT_FPS, 'low', hasAudio);
  if (atLow <= budget) return { mediaResolution: MediaResolution.MEDIA_RESOLUTION_LOW, fps: DEFAULT_FPS, videoTokens: atLow, ...timeouts };

  const audio = hasAudio ? Math.ceil(seconds) * AUDIO_TOKENS_PER_SECOND : 0;
  // Round down to a quarter frame per second so the estimate stays under the budget.
  const fps = Math.floor(((budget - audio) / (seconds * TOKENS_PER_FRAME.low)) * 4) / 4;
  if (fps < MIN_FPS) {
    throw new VideoTooLongError(
      `動画が長すぎて Gemini の入力上限に収まりません（${Math.round(seconds / 60)} 分）。 / The video is too long for Gemini's input limit (${Math.round(seconds / 60)} min).`,
    );
  }
  return {
    mediaResolution: MediaResolution.MEDIA_RESOLUTION_LOW,
    fps,
    videoTokens: estimateVideoTokens(seconds, fps, 'low', hasAudio),
    ...timeouts,
  };
}

function sizeTimeouts(seconds: number, baseMs: number): Pick<VideoPlan, 'generateTimeoutMs' | 'fileActiveTimeoutMs'> {
  // The base deadline covers up to 10 minutes of video; longer videos get proportionally more, up to 15 min.
  const generateTimeoutMs = Math.min(Math.max(baseMs, 900_000), Math.round(baseMs * Math.max(1, seconds / 600)));
  // Processing an upload takes a fraction of real time; allow 60 s plus 1 s per 4 s of video.
  const fileActiveTimeoutMs = Math.min(900_000, 60_000 + Math.ceil(seconds * 250));
  return { generateTimeoutMs, fileActiveTimeoutMs };
}
