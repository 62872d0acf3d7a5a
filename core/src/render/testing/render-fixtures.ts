import { runMediaTool } from '../../media/run-media-tool';
import { FFMPEG_BASE_ARGS } from '../../media/run-media-tool';

/** A stand-in for a TTS line: a tone (with a little vibrato) of `durationSec`, 24 kHz mono WAV. */
export async function makeToneWav(path: string, durationSec: number, freq = 440): Promise<string> {
  await runMediaTool('ffmpeg', [
    ...FFMPEG_BASE_ARGS,
    '-f', 'lavfi', '-i', `sine=f=${freq}:d=${durationSec}:r=24000`,
    '-af', 'vibrato=f=5:d=0.3,volume=0.5',
    '-ac', '1', '-c:a', 'pcm_s16le', path,
  ]);
  return path;
}

/** Mono float PCM of a file's audio at `sampleRate`. */
export async function decodeMono(path: string, sampleRate = 8000, audioFilter?: string): Promise<Float32Array> {
  const { stdout } = await runMediaTool('ffmpeg', [
    ...FFMPEG_BASE_ARGS, '-i', path, '-vn', ...(audioFilter ? ['-af', audioFilter] : []), '-ac', '1', '-ar', String(sampleRate), '-f', 'f32le', 'pipe:1',
  ]);
  return new Float32Array(stdout.buffer.slice(stdout.byteOffset, stdout.byteOffset + stdout.byteLength));
}

/** RMS in dBFS of [startSec, endSec). */
export function windowDb(pcm: Float32Array, sampleRate: number, startSec: number, endSec: number): number {
  const a = Math.max(0, Math.floor(startSec * sampleRate));
  const b = Math.min(pcm.length, Math.floor(endSec * sampleRate));
  let sum = 0;
  for (let i = a; i < b; i++) sum += pcm[i]! * pcm[i]!;
  const rms = Math.sqrt(sum / Math.max(1, b - a));
  return rms > 0 ? 20 * Math.log10(rms) : -120;
}

/** One frame at `atSec` as raw RGB (width × height × 3 bytes). */
export async function frameRgb(path: string, atSec: number, width = 1280, height = 720): Promise<Buffer> {
  const { stdout } = await runMediaTool('ffmpeg', [
    ...FFMPEG_BASE_ARGS, '-ss', String(atSec), '-i', path, '-frames:v', '1', '-s', `${width}x${height}`, '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1',
  ]);
  return stdout;
}
