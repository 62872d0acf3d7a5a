import { ANALYSIS_SAMPLE_RATE } from './extract-signals';
import { MediaError } from './media-error';
import { FFMPEG_BASE_ARGS, runMediaTool, type MediaCallOptions } from './run-media-tool';
import { analyzeSoundTexture, type SoundWindow } from './sound-texture';

/**
 * The sound texture of any file with a sound track (a video's, or a plain recording such as a
 * .wav): decoded to 24 kHz mono float, then per-second and per-quarter-second windows. Used by the
 * evaluation for sound-only material; ingest gets the same numbers from extractSignals.
 */
export async function analyzeAudioFile(path: string, options: MediaCallOptions = {}): Promise<{ durationSec: number; seconds: SoundWindow[]; fine: SoundWindow[] }> {
  const chunks: Buffer[] = [];
  await runMediaTool(
    'ffmpeg',
    [...FFMPEG_BASE_ARGS, '-i', path, '-map', '0:a:0', '-vn', '-sn', '-dn', '-ac', '1', '-ar', String(ANALYSIS_SAMPLE_RATE), '-f', 'f32le', 'pipe:1'],
    { ...options, stdout: (chunk) => chunks.push(chunk) },
  );
  const all = Buffer.concat(chunks);
  if (all.length < 4 * ANALYSIS_SAMPLE_RATE * 0.1) throw new MediaError('corrupt', { message: 'No sound could be decoded.' });
  const samples = new Float32Array(Math.floor(all.length / 4));
  for (let i = 0; i < samples.length; i++) samples[i] = all.readFloatLE(i * 4);
  return {
    durationSec: samples.length / ANALYSIS_SAMPLE_RATE,
    seconds: analyzeSoundTexture(samples, ANALYSIS_SAMPLE_RATE, { windowSec: 1 }),
    fine: analyzeSoundTexture(samples, ANALYSIS_SAMPLE_RATE, { windowSec: 0.25 }),
  };
}
