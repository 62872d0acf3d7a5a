import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { makePoster } from '../media/make-poster';
import { probePlayableVideo } from '../media/probe-video';
import { FFMPEG_BASE_ARGS, runMediaTool, type MediaCallOptions } from '../media/run-media-tool';
import { resolveCjkFonts } from './cjk-font';
import { validateRenderSegment, type RenderInput } from './render-input';
import { frameAlignedDuration, renderSegment } from './render-segment';
import { SegmentCache, segmentHash } from './segment-cache';

export interface RenderVideoOptions extends MediaCallOptions {
  /** Rendered segments (by hash) and synthesised audio live here across renders. */
  cacheDir: string;
  /** Temporary files for this render. */
  workDir: string;
  /** The final MP4; default `<workDir>/video.mp4`. The poster goes next to it (`.jpg`). */
  outputPath?: string;
  /** 0..1 over the whole render (segments weighted by duration, the join as a small last step). */
  onProgress?: (fraction: number) => void;
}

export interface RenderedVideo {
  path: string;
  posterPath: string;
  durationSec: number;
  segments: Array<{ hash: string; cached: boolean; ms: number }>;
}

/**
 * Renders each segment (or takes it from the cache when its hash is known), joins them with the
 * concat demuxer as a stream copy, moves the index to the front (+faststart) and grabs a poster.
 */
export async function renderVideo(input: RenderInput, options: RenderVideoOptions): Promise<RenderedVideo> {
  if (input.segments.length === 0) throw new Error('renderVideo: no segments');
  input.segments.forEach((s, i) => validateRenderSegment(s, i));
  const { signal } = options;
  const call = { signal, tools: options.tools };
  const fonts = await resolveCjkFonts();
  const cache = new SegmentCache(join(options.cacheDir, 'segments'));
  const assetDir = join(options.cacheDir, 'audio');
  await mkdir(options.workDir, { recursive: true });
  const outputPath = resolve(options.outputPath ?? join(options.workDir, 'video.mp4'));
  const posterPath = outputPath.replace(/\.mp4$/i, '') + '.jpg';

  const durations = input.segments.map((s) => frameAlignedDuration(s.durationSec));
  const total = durations.reduce((a, b) => a + b, 0);
  const JOIN_SHARE = 0.03;
  let done = 0;
  const report = (f: number) => options.onProgress?.(Math.min(1, f));

  const tmp = await mkdtemp(join(options.workDir, 'render-'));
  try {
    const segments: RenderedVideo['segments'] = [];
    const paths: string[] = [];
    for (const [i, segment] of input.segments.entries()) {
      signal?.throwIfAborted();
      const started = performance.now();
      const hash = await segmentHash(segment);
      const cached = cache.has(hash);
      if (!cached) {
        await cache.put(hash, (tmpPath) =>
          renderSegment(segment, tmpPath, {
            ...call,
            workDir: tmp,
            assetDir,
            fonts,
            onProgress: (f) => report(((done + f * durations[i]!) / total) * (1 - JOIN_SHARE)),
          }),
        );
      }
      done += durations[i]!;
      report((done / total) * (1 - JOIN_SHARE));
      paths.push(cache.pathFor(hash));
      segments.push({ hash, cached, ms: Math.round(performance.now() - started) });
    }

    // The concat demuxer's list: one quoted path per line ('\'' closes, escapes and reopens).
    const list = join(tmp, 'segments.txt');
    await writeFile(list, paths.map((p) => `file '${resolve(p).replace(/'/g, "'\\''")}'`).join('\n') + '\n', 'utf8');
    await mkdir(dirname(outputPath), { recursive: true });
    const partial = `${outputPath}.partial-${process.pid}.mp4`;
    try {
      await runMediaTool(
        'ffmpeg',
        [...FFMPEG_BASE_ARGS, '-f', 'concat', '-safe', '0', '-i', list, '-map', '0', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', partial],
        call,
      );
      await rename(partial, outputPath);
    } finally {
      await rm(partial, { force: true });
    }
    const probe = await probePlayableVideo(outputPath, call);
    // The poster: the middle of the first titled segment (a card or text over footage), otherwise 10 % in.
    const firstCard = input.segments.findIndex((s) => s.background.type === 'card' || s.title !== undefined);
    const posterAt = firstCard >= 0 ? durations.slice(0, firstCard).reduce((a, b) => a + b, 0) + durations[firstCard]! / 2 : undefined;
    await makePoster(outputPath, posterPath, { ...call, probe, atSec: posterAt });
    report(1);
    return { path: outputPath, posterPath, durationSec: probe.durationSec, segments };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
