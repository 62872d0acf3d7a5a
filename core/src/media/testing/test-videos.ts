import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMediaTool } from '../run-media-tool';
import { generateTestVideo, testVideoArgs, testVideoTimeline, type TestVideoOptions, type TestVideoTimeline } from './generate-test-video';

/** Generated clips are cached here by a hash of their ffmpeg arguments (shared by test files and runs). */
export const TEST_VIDEO_DIR = join(tmpdir(), 'ajimi-media-test-videos');

const inFlight = new Map<string, Promise<string>>();

/**
 * A generated test clip, made once and reused: the file name is a hash of the exact ffmpeg
 * arguments (and the rotation patch), so a changed generator makes a new file. Safe across
 * parallel test workers (each writes its own temporary file and renames it into place).
 */
export async function cachedTestVideo(
  options: TestVideoOptions = {},
  ext: '.mp4' | '.mov' | '.webm' | '.mkv' = options.codec === 'vp9' ? '.webm' : options.codec === 'hevc' ? '.mov' : '.mp4',
): Promise<{ path: string; timeline: TestVideoTimeline }> {
  const timeline = testVideoTimeline(options);
  const key = createHash('sha256')
    .update(JSON.stringify({ args: testVideoArgs(`OUT${ext}`, options, timeline), rotation: options.rotation ?? 0 }))
    .digest('hex')
    .slice(0, 16);
  const path = join(TEST_VIDEO_DIR, `${key}${ext}`);
  let pending = inFlight.get(path);
  if (!pending) {
    pending = (async () => {
      if (existsSync(path)) return path;
      await mkdir(TEST_VIDEO_DIR, { recursive: true });
      const tmp = join(TEST_VIDEO_DIR, `${key}.${process.pid}.${Date.now()}.tmp${ext}`);
      try {
        await generateTestVideo(tmp, options);
        await rename(tmp, path);
      } finally {
        await rm(tmp, { force: true });
      }
      return path;
    })();
    inFlight.set(path, pending);
    pending.catch(() => inFlight.delete(path));
  }
  return { path: await pending, timeline };
}

let encoders: Promise<string> | undefined;

/** Whether this ffmpeg build has an encoder (e.g. libx265 is optional in some builds). */
export async function ffmpegHasEncoder(name: string): Promise<boolean> {
  encoders ??= runMediaTool('ffmpeg', ['-hide_banner', '-encoders']).then((r) => r.stdout.toString('utf8'));
  return new RegExp(`\\s${name}\\s`).test(await encoders);
}
