import path from 'node:path';
import { generateTestVideo } from '../../core/src/media/testing/generate-test-video';
import { runMediaTool } from '../../core/src/media/run-media-tool';

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
