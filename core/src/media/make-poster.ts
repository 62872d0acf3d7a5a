import { rename, rm, stat } from 'node:fs/promises';
import type { VideoSignals } from '../domain/signals';
import { MediaError } from './media-error';
import { probePlayableVideo, type PlayableVideoProbe } from './probe-video';
import { FFMPEG_BASE_ARGS, runMediaTool, type MediaCallOptions } from './run-media-tool';
import { fitLongSide, toSdrFilters } from './video-filters';

export interface MakePosterOptions extends MediaCallOptions {
  probe?: PlayableVideoProbe;
  /** Seconds into the video. Default: 10 % in, or the middle of a clip shorter than 10 s. */
  atSec?: number;
  /**
   * Signals from extract-signals: when given (and atSec is not), the poster moves to the nearest
   * second that is not obstructed, too dark or blurry.
   */
  signals?: Pick<VideoSignals, 'seconds'>;
  /** Long side in pixels (default 1280). Never upscales. */
  longSide?: number;
  /** JPEG quality as ffmpeg's -q:v, 2 (best) … 31 (worst); default 3. */
  quality?: number;
}

export interface PosterResult {
  path: string;
  width: number;
  height: number;
  atSec: number;
  sizeBytes: number;
}

/** The default poster time: 10 % in, or the middle of a short (< 10 s) clip. */
export function defaultPosterTime(durationSec: number): number {
  return durationSec < 10 ? durationSec / 2 : durationSec * 0.1;
}

/** A JPEG still (upright, long side 1280) for the session card, the player and the review queue. */
export async function makePoster(input: string, output: string, options: MakePosterOptions = {}): Promise<PosterResult> {
  const probe = options.probe ?? (await probePlayableVideo(input, options));
  const atSec = options.atSec ?? pickPosterTime(probe.durationSec, options.signals);
  const { width, height } = fitLongSide(probe.width, probe.height, options.longSide ?? 1280);
  const tmp = `${output}.partial-${process.pid}-${Date.now()}.jpg`;

  const grab = async (at: number) => {
    const args = [
      ...FFMPEG_BASE_ARGS,
      // Input seeking: jumps to the keyframe before `at` and decodes forward to it (fast, exact).
      '-ss',
      at.toFixed(3),
      '-i',
      input,
      '-map',
      `0:${probe.videoStreamIndex}`,
      '-frames:v',
      '1',
      '-vf',
      [`scale=${width}:${height}:flags=bicubic`, ...toSdrFilters(probe), 'setsar=1'].join(','),
      '-q:v',
      String(options.quality ?? 3),
      '-f',
      'image2',
      '-update',
      '1',
      tmp,
    ];
    await runMediaTool('ffmpeg', args, options);
    return (await stat(tmp).catch(() => null))?.size ?? 0;
  };

  try {
    let used = clampTime(atSec, probe.durationSec);
    let size = await grab(used);
    // Past the last decodable frame (variable frame rate, a short last GOP): take the first frame.
    if (size === 0 && used > 0) size = await grab((used = 0));
    if (size === 0) throw new MediaError('processing_failed', { message: 'ffmpeg produced no poster frame.' });
    await rename(tmp, output);
    return { path: output, width, height, atSec: used, sizeBytes: size };
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

function clampTime(at: number, duration: number): number {
  if (!Number.isFinite(at) || at < 0) return 0;
  return Math.min(at, Math.max(0, duration - 0.1));
}

/** The default time, moved to the nearest clean second (not obstructed, dark or blurry) if signals are known. */
export function pickPosterTime(durationSec: number, signals?: Pick<VideoSignals, 'seconds'>): number {
  const preferred = defaultPosterTime(durationSec);
  const clean = signals?.seconds.filter((s) => !s.obstructed && !s.tooDark && !s.blurry) ?? [];
  if (!signals || clean.length === 0) return preferred;
  const target = Math.floor(preferred);
  const best = clean.reduce((a, b) => (Math.abs(b.t - target) < Math.abs(a.t - target) ? b : a));
  // The middle of the clean second, unless it is the preferred second itself.
  return best.t === target ? preferred : Math.min(durationSec, best.t + 0.5);
}
