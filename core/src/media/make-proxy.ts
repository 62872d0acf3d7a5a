import { rename, rm } from 'node:fs/promises';
import { probePlayableVideo, probeVideo, type PlayableVideoProbe, type VideoProbe } from './probe-video';
import { FFMPEG_BASE_ARGS, runMediaTool, type MediaCallOptions } from './run-media-tool';
import { fitLongSide, toSdrFilters } from './video-filters';

/**
 * x264 preset, measured on the 2-core machine (1080p → 720p30, CRF 23, 60 s clips): ultrafast is
 * only ~20–25 % faster than veryfast (decoding the 1080p source is a large, fixed share of the
 * work) but writes files 3.5–4× larger (48 MB vs 11 MB a minute for busy content) and skips
 * deblocking and scene-cut detection. The proxy is streamed to the console and phones and cut by
 * the renderer, so veryfast is the default; pass `preset: 'ultrafast'` when speed is all that counts.
 */
export const PROXY_DEFAULTS = {
  longSide: 1280,
  fps: 30,
  preset: 'veryfast',
  crf: 23,
  audioBitrateKbps: 128,
} as const;

export interface MakeProxyOptions extends MediaCallOptions {
  probe?: PlayableVideoProbe;
  /** Long side in pixels (default 1280: 720p landscape or portrait). Never upscales. */
  longSide?: number;
  /** x264 preset (default veryfast). */
  preset?: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium';
  /** x264 constant quality (default 23). */
  crf?: number;
  /** 0 … 1. */
  onProgress?: (fraction: number) => void;
}

export interface ProxyResult {
  path: string;
  width: number;
  height: number;
  durationSec: number;
  fps: number;
  hasAudio: boolean;
  sizeBytes: number;
  /** The output's own probe. */
  probe: VideoProbe;
}

/**
 * The working copy every later stage uses: H.264 High/yuv420p at 720p (long side 1280, aspect
 * kept, even sizes; a portrait clip stays portrait), a constant 30 frames/s (fixes phones'
 * variable frame rate, so frame-accurate cuts line up), AAC audio (none when the source has
 * none), upright (rotation applied to the pixels; no rotation tag left) and `+faststart` so a
 * browser can start playing and seek before the whole file has arrived. HDR is tone-mapped to
 * SDR. Metadata (GPS location, device) is dropped. Written to a temporary name and renamed, so a
 * crash never leaves a half-written proxy under the final name.
 */
export async function makeProxy(input: string, output: string, options: MakeProxyOptions = {}): Promise<ProxyResult> {
  const probe = options.probe ?? (await probePlayableVideo(input, options));
  const { width, height } = fitLongSide(probe.width, probe.height, options.longSide ?? PROXY_DEFAULTS.longSide);
  const fps = PROXY_DEFAULTS.fps;
  const filters = [
    // ffmpeg has already turned the picture upright (autorotate) before these run.
    `fps=${fps}`,
    // SDR sources are converted to the BT.709 matrix the output is tagged with; HDR is zscale's job.
    `scale=${width}:${height}:flags=bicubic${probe.isHdr ? '' : ':out_color_matrix=bt709:out_range=tv'}`,
    ...toSdrFilters(probe),
    'setsar=1',
    'format=yuv420p',
  ];
  const audio =
    probe.hasAudio && probe.audioStreamIndex !== null
      ? [
          '-map',
          `0:${probe.audioStreamIndex}`,
          '-c:a',
          'aac',
          '-b:a',
          `${PROXY_DEFAULTS.audioBitrateKbps}k`,
          '-ac',
          String(Math.min(2, probe.audioChannels ?? 2)),
          '-ar',
          probe.audioSampleRate === 44100 ? '44100' : '48000',
        ]
      : [];
  const tmp = `${output}.partial-${process.pid}-${Date.now()}.mp4`;
  const args = [
    ...FFMPEG_BASE_ARGS,
    '-i',
    input,
    '-map',
    `0:${probe.videoStreamIndex}`,
    ...audio,
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1',
    '-sn',
    '-dn',
    '-vf',
    filters.join(','),
    '-c:v',
    'libx264',
    '-preset',
    options.preset ?? PROXY_DEFAULTS.preset,
    '-crf',
    String(options.crf ?? PROXY_DEFAULTS.crf),
    '-pix_fmt',
    'yuv420p',
    // A keyframe every 2 s keeps scrubbing in the console snappy.
    '-g',
    String(fps * 2),
    '-fps_mode',
    'cfr',
    '-r',
    String(fps),
    // Tag the colours as SDR BT.709 so browsers do not guess.
    '-color_primaries',
    'bt709',
    '-color_trc',
    'bt709',
    '-colorspace',
    'bt709',
    '-color_range',
    'tv',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    tmp,
  ];
  try {
    await runMediaTool('ffmpeg', args, {
      ...options,
      onProgressTime: options.onProgress
        ? (sec) => options.onProgress!(Math.min(0.99, Math.max(0, sec / probe.durationSec)))
        : undefined,
    });
    await rename(tmp, output);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  options.onProgress?.(1);
  const out = await probeVideo(output, options);
  return {
    path: output,
    width: out.width,
    height: out.height,
    durationSec: out.durationSec,
    fps: out.fps,
    hasAudio: out.hasAudio,
    sizeBytes: out.sizeBytes,
    probe: out,
  };
}
