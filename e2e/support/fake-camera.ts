import fs from 'node:fs';
import path from 'node:path';
import { generateTestVideo } from '../../core/src/media/testing/generate-test-video';
import { runMediaTool } from '../../core/src/media/run-media-tool';
import { frying, mix, noise } from '../../core/src/media/testing/synthetic-sounds';

/**
 * Files for Chromium's fake camera and microphone (--use-file-for-fake-video-capture takes Y4M or
 * MJPEG, --use-file-for-fake-audio-capture a WAV; both loop): a generated cooking clip (oil
 * heating, ingredients in with a sizzle, stirring, plating), so what Cook Cam films is cooking.
 */
export async function makeFakeCameraFiles(dir: string, durationSec: number, size: { width: number; height: number } = { width: 640, height: 360 }): Promise<{ video: string; audio: string }> {
  const clip = path.join(dir, 'cooking.mp4');
  await generateTestVideo(clip, { durationSec, width: size.width, height: size.height, fps: 15, dark: false, events: { addAt: Math.min(4, durationSec / 5), flipAt: durationSec * 0.5, plateAt: durationSec * 0.85 } });
  const video = path.join(dir, 'cooking.mjpeg');
  const audio = path.join(dir, 'cooking.wav');
  await runMediaTool('ffmpeg', ['-v', 'error', '-y', '-i', clip, '-an', '-r', '15', '-pix_fmt', 'yuvj420p', '-q:v', '6', '-f', 'mjpeg', video]);
  await runMediaTool('ffmpeg', ['-v', 'error', '-y', '-i', clip, '-vn', '-ac', '1', '-ar', '48000', '-c:a', 'pcm_s16le', audio]);
  return { video, audio };
}

export function fakeMediaArgs(files: { video: string; audio: string }): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${files.video}`,
    `--use-file-for-fake-audio-capture=${files.audio}`,
    '--autoplay-policy=no-user-gesture-required',
  ];
}

/**
 * A kitchen heard and seen by the phone on its mount, for automatic start/stop: a still pan
 * (nothing moves, so only the sound decides), and a sound track of a faint room tone with
 * `sizzleFromSec`…`sizzleToSec` of frying crackle (the synthetic frying the server's
 * sound-texture tests call frying), quiet again until `totalSec`. Chromium loops both files.
 */
export async function makeSizzleThenQuietFiles(dir: string, opts: { sizzleFromSec: number; sizzleToSec: number; totalSec: number }): Promise<{ video: string; audio: string }> {
  const rate = 48_000;
  const samples = noise(rate, opts.totalSec, 0.002, 11); // a faint room tone, never digital silence
  samples.set(
    mix(samples.subarray(opts.sizzleFromSec * rate, opts.sizzleToSec * rate), frying(rate, opts.sizzleToSec - opts.sizzleFromSec)),
    opts.sizzleFromSec * rate,
  );
  const raw = path.join(dir, 'kitchen.f32');
  fs.writeFileSync(raw, new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength));
  const audio = path.join(dir, 'kitchen.wav');
  await runMediaTool('ffmpeg', ['-v', 'error', '-y', '-f', 'f32le', '-ar', String(rate), '-ac', '1', '-i', raw, '-c:a', 'pcm_s16le', audio]);
  fs.rmSync(raw);
  // A dark pan with a rim on a wooden counter, held still: two seconds of the same frame.
  const video = path.join(dir, 'still-pan.mjpeg');
  await runMediaTool('ffmpeg', [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x8a6a4a:s=640x360:r=15:d=2',
    '-vf', "geq=lum='if(lt(hypot(X-320,Y-180),130),40,if(lt(hypot(X-320,Y-180),140),200,lum(X,Y)))':cb='cb(X,Y)':cr='cr(X,Y)'",
    '-pix_fmt', 'yuvj420p', '-q:v', '4', '-f', 'mjpeg', video,
  ]);
  return { video, audio };
}
