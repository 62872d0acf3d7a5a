import { rename, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { MediaError } from './media-error';
import { probePlayableVideo, type PlayableVideoProbe } from './probe-video';
import { FFMPEG_BASE_ARGS, runMediaTool, startMediaTool, type MediaCallOptions } from './run-media-tool';
import { toSdrFilters } from './video-filters';

/** How the console finds the tile for time t: index = floor(t / intervalSec), then column/row. */
export interface SpriteIndex {
  /** Seconds of video per tile; tile i shows the picture at i × intervalSec. */
  intervalSec: number;
  tileWidth: number;
  tileHeight: number;
  columns: number;
  rows: number;
  /** Tiles that hold a picture (the grid's last row may be partly empty). */
  count: number;
}

export interface SpriteResult extends SpriteIndex {
  path: string;
  /** Size of the whole grid image. */
  width: number;
  height: number;
  sizeBytes: number;
}

export const SPRITE_DEFAULTS = { maxTiles: 100, tileWidth: 160, columns: 10 } as const;

export interface MakeSpriteOptions extends MediaCallOptions {
  probe?: PlayableVideoProbe;
  maxTiles?: number;
  tileWidth?: number;
  columns?: number;
}

/**
 * The grid for a video: one tile per N whole seconds, N chosen so there are at most `maxTiles`
 * tiles (and at least one per second for short clips).
 */
export function spriteLayout(
  durationSec: number,
  displayWidth: number,
  displayHeight: number,
  options: Pick<MakeSpriteOptions, 'maxTiles' | 'tileWidth' | 'columns'> = {},
): SpriteIndex {
  const maxTiles = options.maxTiles ?? SPRITE_DEFAULTS.maxTiles;
  const tileWidth = even(options.tileWidth ?? SPRITE_DEFAULTS.tileWidth);
  // A last sliver under 0.1 s (container rounding) gets no tile of its own.
  const covered = Math.max(0.1, durationSec - 0.1);
  const intervalSec = Math.max(1, Math.ceil(covered / maxTiles));
  const count = Math.max(1, Math.ceil(covered / intervalSec));
  const columns = Math.min(options.columns ?? SPRITE_DEFAULTS.columns, count);
  return {
    intervalSec,
    tileWidth,
    tileHeight: even((tileWidth * displayHeight) / displayWidth),
    columns,
    rows: Math.ceil(count / columns),
    count,
  };
}

/**
 * A timeline thumbnail sprite (one JPEG grid) for the console's scrubber. When keyframes come at
 * least as often as tiles, only keyframes are decoded (each tile then shows a keyframe from its
 * own interval, at most one keyframe interval off), and when there are several keyframes per
 * tile only every n-th one even reaches the decoder: a few percent of a full decode.
 */
export async function makeSprite(input: string, output: string, options: MakeSpriteOptions = {}): Promise<SpriteResult> {
  const probe = options.probe ?? (await probePlayableVideo(input, options));
  const layout = spriteLayout(probe.durationSec, probe.width, probe.height, options);
  const gop = probe.keyframeIntervalSec;
  const keyframesOnly = gop !== null && gop <= layout.intervalSec;
  // Keep every n-th keyframe when several fall into one tile's interval.
  const everyNthKey = keyframesOnly ? Math.max(1, Math.floor(layout.intervalSec / gop)) : 1;
  const tmp = `${output}.partial-${process.pid}-${Date.now()}.jpg`;
  const decodeArgs = [
    '-skip_loop_filter',
    'all',
    '-flags2',
    'fast',
    '-threads',
    String(Math.max(1, Math.min(availableParallelism(), 4))),
  ];
  const encodeArgs = [
    '-vf',
    [
      // eof_action=pass: keep the last picture when the input ends right on a tile time.
      `fps=fps=1/${layout.intervalSec}:round=down:eof_action=pass`,
      `scale=${layout.tileWidth}:${layout.tileHeight}:flags=bilinear`,
      ...toSdrFilters(probe),
      'setsar=1',
      `tile=${layout.columns}x${layout.rows}`,
    ].join(','),
    '-frames:v',
    '1',
    '-q:v',
    '4',
    '-f',
    'image2',
    '-update',
    '1',
    tmp,
  ];
  try {
    if (everyNthKey > 1) {
      // ffmpeg #1 passes on every n-th keyframe (a counter kept in the noise filter's st/ld
      // registers); ffmpeg #2 decodes just those.
      const drop = `noise=drop='st(0,ld(0)+key);if(key,not(eq(mod(ld(0)-1,${everyNthKey}),0)),1)'`;
      const demux = startMediaTool(
        'ffmpeg',
        [...FFMPEG_BASE_ARGS, '-copyts', '-i', input, '-map', `0:${probe.videoStreamIndex}`, '-c', 'copy', '-bsf:v', drop, '-f', 'nut', 'pipe:1'],
        { ...options, stdout: 'stream' },
      );
      const decode = startMediaTool('ffmpeg', [...FFMPEG_BASE_ARGS, ...decodeArgs, '-f', 'nut', '-i', 'pipe:0', ...encodeArgs], {
        ...options,
        stdin: demux.child.stdout!,
      });
      try {
        await Promise.all([demux.done, decode.done]);
      } catch (err) {
        demux.kill();
        decode.kill();
        throw err;
      }
    } else {
      const args = [
        ...FFMPEG_BASE_ARGS,
        ...(keyframesOnly ? ['-skip_frame', 'nokey'] : []),
        ...decodeArgs,
        '-i',
        input,
        '-map',
        `0:${probe.videoStreamIndex}`,
        ...encodeArgs,
      ];
      await runMediaTool('ffmpeg', args, options);
    }
    const size = (await stat(tmp).catch(() => null))?.size ?? 0;
    if (size === 0) throw new MediaError('processing_failed', { message: 'ffmpeg produced no sprite image.' });
    await rename(tmp, output);
    return {
      ...layout,
      path: output,
      width: layout.columns * layout.tileWidth,
      height: layout.rows * layout.tileHeight,
      sizeBytes: size,
    };
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

function even(v: number): number {
  return Math.max(2, Math.round(v / 2) * 2);
}
