/**
 * Server-side renders of the coaching-video composition with Remotion: stills (the preview ↔
 * render comparison) and whole videos (the benchmark against the FFmpeg renderer, which is the
 * production renderer: Remotion is many times slower on 2 cores). Debian's Chromium only: never
 * downloads a browser. Media are served from a loopback HTTP server, so it works offline.
 */
import { rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from '@remotion/bundler';
import { openBrowser, renderMedia, renderStill, selectComposition, type ChromiumOptions, type HeadlessBrowser } from '@remotion/renderer';
import { resolveCjkFonts } from '@ajimi/core/render/cjk-font';
import { applauseWindow } from '@ajimi/core/render/style';
import { applauseWav, musicWav } from '@ajimi/core/render/synth-audio';
import type { TimelineSpec } from '@ajimi/core/video/timeline-spec';
import { startMediaServer } from './media-server';
import { COACHING_VIDEO_COMPOSITION_ID, type CoachingVideoMedia, type CoachingVideoProps } from './props';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Debian Chromium: Remotion adds --no-sandbox, --disable-component-update and friends itself. */
export const CHROMIUM_OPTIONS: ChromiumOptions = { headless: true, gl: 'swangle' };
/** Debian's Chromium is a full Chrome: new headless mode (the old one is gone since Chrome 132). */
const CHROME_MODE = 'chrome-for-testing' as const;
const browserOptions = { browserExecutable: CHROMIUM_PATH, chromiumOptions: CHROMIUM_OPTIONS, chromeMode: CHROME_MODE, logLevel: 'error' as const };

/** Where the spec's assets are on local disk (as for the FFmpeg renderer's RenderPaths). */
export interface RemotionRenderFiles {
  sourceVideoPath: string;
  audioPath: (key: string) => string;
}

export interface RemotionRenderCommon {
  spec: TimelineSpec;
  files: RemotionRenderFiles;
  /** Synthesised music/applause WAVs are cached here (the FFmpeg renderer's `<cacheDir>/audio`). */
  assetDir: string;
  /** Reuse one browser across renders (openRemotionBrowser); otherwise each call opens its own. */
  browser?: HeadlessBrowser;
}

const entryPoint = join(dirname(fileURLToPath(import.meta.url)), 'index.ts');
let bundled: Promise<string> | undefined;

/** Bundles the composition once per process (webpack takes tens of seconds on 2 cores). */
export function bundleComposition(): Promise<string> {
  bundled ??= (async () => {
    const outDir = join(tmpdir(), `ajimi-remotion-bundle-${process.pid}`);
    await mkdir(outDir, { recursive: true });
    // The bundle is ~30 MB; webpack's own cache (node_modules/.cache) keeps the next bundle fast.
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    return bundle({ entryPoint, outDir, enableCaching: true, onProgress: () => undefined });
  })();
  bundled.catch(() => {
    bundled = undefined;
  });
  return bundled;
}

/** Debian's Chromium, headless, for several renders in a row; close it with `.close({ silent: true })`. */
export function openRemotionBrowser(): Promise<HeadlessBrowser> {
  return openBrowser('chrome', browserOptions);
}

/**
 * Serves the spec's media (source, narration, synthesised beds, the CJK font files the FFmpeg
 * renderer draws with) on loopback for the duration of `fn`.
 */
async function withMedia<T>(common: RemotionRenderCommon, fn: (media: CoachingVideoMedia) => Promise<T>): Promise<T> {
  const { spec, files, assetDir } = common;
  const server = await startMediaServer();
  try {
    const audioUrls: Record<string, string> = {};
    for (const segment of spec.segments) for (const line of segment.lines) audioUrls[line.audio.key] = server.urlFor(files.audioPath(line.audio.key));
    const [intro, diagnosis, , , outro] = spec.segments;
    // The FFmpeg renderer plays the same synthesised loop under every bed and sizes the applause to the outro.
    const music = await musicWav(assetDir);
    const trackUrls: Record<string, string> = {};
    for (const bed of [intro.music, diagnosis.music, outro.music]) if (bed) trackUrls[bed.track] = server.urlFor(music);
    trackUrls[outro.applause.track] = server.urlFor(await applauseWav(assetDir, { durationSec: applauseWindow(outro.durationSec).durationSec }));
    const fonts = await resolveCjkFonts();
    const media: CoachingVideoMedia = {
      sourceVideoUrl: server.urlFor(files.sourceVideoPath),
      audioUrls,
      trackUrls,
      fontUrls: { regular: server.urlFor(fonts.regular), bold: server.urlFor(fonts.bold) },
    };
    return await fn(media);
  } finally {
    await server.close();
  }
}

async function select(serveUrl: string, inputProps: CoachingVideoProps, browser: HeadlessBrowser | undefined) {
  return selectComposition({ serveUrl, id: COACHING_VIDEO_COMPOSITION_ID, inputProps, ...browserOptions, ...(browser ? { puppeteerInstance: browser } : {}) });
}

/** One frame of the composition as a PNG (frame numbers as in the final MP4). */
export async function renderStillWithRemotion(options: RemotionRenderCommon & { frame: number; output: string }): Promise<string> {
  const serveUrl = await bundleComposition();
  return withMedia(options, async (media) => {
    const inputProps: CoachingVideoProps = { spec: options.spec, media };
    const composition = await select(serveUrl, inputProps, options.browser);
    await renderStill({
      serveUrl,
      composition,
      inputProps,
      frame: options.frame,
      output: options.output,
      imageFormat: 'png',
      overwrite: true,
      ...browserOptions,
      ...(options.browser ? { puppeteerInstance: options.browser } : {}),
    });
    return options.output;
  });
}

/** The whole video (or `frameRange`) as 720p H.264/AAC MP4. */
export async function renderMediaWithRemotion(
  options: RemotionRenderCommon & { output: string; frameRange?: [number, number]; concurrency?: number; onProgress?: (fraction: number) => void },
): Promise<{ path: string; frames: number }> {
  const serveUrl = await bundleComposition();
  return withMedia(options, async (media) => {
    const inputProps: CoachingVideoProps = { spec: options.spec, media };
    const composition = await select(serveUrl, inputProps, options.browser);
    const frames = options.frameRange ? options.frameRange[1] - options.frameRange[0] + 1 : composition.durationInFrames;
    await renderMedia({
      serveUrl,
      composition,
      inputProps,
      codec: 'h264',
      audioCodec: 'aac',
      crf: 22,
      x264Preset: 'veryfast',
      pixelFormat: 'yuv420p',
      imageFormat: 'jpeg',
      outputLocation: options.output,
      overwrite: true,
      frameRange: options.frameRange ?? null,
      concurrency: options.concurrency ?? null,
      onProgress: ({ progress }) => options.onProgress?.(progress),
      ...browserOptions,
      ...(options.browser ? { puppeteerInstance: options.browser } : {}),
    });
    return { path: options.output, frames };
  });
}
