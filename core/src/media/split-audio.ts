import fs from 'node:fs';
import path from 'node:path';
import { FFMPEG_BASE_ARGS, runMediaTool } from './run-media-tool';

/**
 * Converts any audio (or the audio of a video) into 16 kHz mono FLAC pieces of at most
 * `segmentSeconds` each, at most `maxSeconds` in all, in `outDir` (created). Returns the piece
 * paths in order. Used to keep each speech request under a synchronous recognition limit.
 *
 * One ffmpeg run per piece from an intermediate WAV, not ffmpeg's segment muxer: the segment muxer
 * leaves FLAC headers with a zero or whole-stream sample count, which a recogniser reads as the
 * piece's length.
 */
export async function splitAudioToFlac(
  input: string,
  outDir: string,
  options: { segmentSeconds: number; maxSeconds: number; signal?: AbortSignal | undefined },
): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const call = options.signal ? { signal: options.signal } : {};
  const wav = path.join(outDir, 'whole.wav');
  await runMediaTool('ffmpeg', [...FFMPEG_BASE_ARGS, '-i', input, '-vn', '-ac', '1', '-ar', '16000', '-t', String(options.maxSeconds), '-c:a', 'pcm_s16le', wav], call);
  const seconds = pcmWavSeconds(wav);
  const pieces: string[] = [];
  for (let start = 0, i = 0; start < seconds - 0.05; start += options.segmentSeconds, i++) {
    const piece = path.join(outDir, `part-${String(i).padStart(3, '0')}.flac`);
    await runMediaTool(
      'ffmpeg',
      [...FFMPEG_BASE_ARGS, '-ss', String(start), '-t', String(options.segmentSeconds), '-i', wav, '-c:a', 'flac', piece],
      call,
    );
    pieces.push(piece);
  }
  fs.rmSync(wav, { force: true });
  return pieces;
}

/** Length of a 16-bit mono PCM WAV written by ffmpeg (its data chunk size). */
function pcmWavSeconds(file: string): number {
  const bytes = fs.readFileSync(file);
  let offset = 12;
  let rate = 16_000;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') rate = bytes.readUInt32LE(offset + 12);
    if (id === 'data') return Math.min(size, bytes.length - offset - 8) / (rate * 2);
    offset += 8 + size + (size % 2);
  }
  return 0;
}
