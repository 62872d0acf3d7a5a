/**
 * Benchmark: the share of a video's seconds that are a still picture.
 *
 *   node --import tsx scripts/bench/still-share.ts VIDEO.mp4 [--threshold 0.1] [--spec SPEC.json]
 *
 * Decodes every frame at 160×90 grey and, for each whole second, takes the largest mean absolute
 * difference between consecutive frames (grey levels, 0–255). A second whose largest difference
 * stays below the threshold shows no frame change: it is "still". Default 0.1 grey levels:
 * measured on the demo video, a title card scores 0.00 (0.06 when its text changes), the cook's
 * footage from a fixed camera 0.11–8 (a phone's sensor noise alone keeps it above 0.1). With --spec (a timeline spec
 * JSON) it also prints the share of seconds showing the cook's footage, from the spec.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const W = 160;
const H = 90;
const FPS = 30;

export interface StillShare {
  seconds: number;
  stillSeconds: number[];
  share: number;
}

/** Per-second frame changes of a video, by ffmpeg decoding to raw grey frames. */
export async function stillShare(video: string, threshold = 0.1): Promise<StillShare> {
  const frameBytes = W * H;
  const ffmpeg = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', video, '-an', '-vf', `fps=${FPS},scale=${W}:${H}:flags=area,format=gray`, '-f', 'rawvideo', '-']);
  const maxDiff: number[] = [];
  let prev: Buffer | null = null;
  let pending = Buffer.alloc(0);
  let index = 0;
  const onFrame = (frame: Buffer) => {
    if (prev) {
      let sum = 0;
      for (let i = 0; i < frameBytes; i++) sum += Math.abs(frame[i]! - prev[i]!);
      const second = Math.floor(index / FPS);
      maxDiff[second] = Math.max(maxDiff[second] ?? 0, sum / frameBytes);
    } else {
      maxDiff[0] = 0;
    }
    prev = frame;
    index++;
  };
  ffmpeg.stdout.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= frameBytes) {
      onFrame(Buffer.from(pending.subarray(0, frameBytes)));
      pending = pending.subarray(frameBytes);
    }
  });
  let stderr = '';
  ffmpeg.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => ffmpeg.on('close', resolve));
  if (code !== 0) throw new Error(`ffmpeg failed (${code}): ${stderr.slice(-400)}`);
  // Only whole seconds count (the last partial second is left out).
  const seconds = Math.floor(index / FPS);
  const stillSeconds: number[] = [];
  for (let s = 0; s < seconds; s++) if ((maxDiff[s] ?? 0) < threshold) stillSeconds.push(s);
  return { seconds, stillSeconds, share: seconds ? stillSeconds.length / seconds : 0 };
}

/** Share of the video's time with the cook's footage on screen, from a timeline spec (JSON). */
export function footageShare(spec: { segments: Array<{ kind: string; durationSec: number; footage?: unknown }> }): number {
  let total = 0;
  let footage = 0;
  for (const s of spec.segments) {
    total += s.durationSec;
    if (s.kind === 'intro' || s.kind === 'clip' || s.footage) footage += s.durationSec;
  }
  return total ? footage / total : 0;
}

/** Seconds as runs ("3–27, 40"). */
function runs(seconds: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < seconds.length; ) {
    let j = i;
    while (j + 1 < seconds.length && seconds[j + 1] === seconds[j]! + 1) j++;
    out.push(j > i ? `${seconds[i]}–${seconds[j]}` : `${seconds[i]}`);
    i = j + 1;
  }
  return out.join(', ');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { threshold: { type: 'string' }, spec: { type: 'string' } } });
  const video = positionals[0];
  if (!video) {
    console.error('Usage: node --import tsx scripts/bench/still-share.ts VIDEO.mp4 [--threshold 0.1] [--spec SPEC.json]');
    process.exit(2);
  }
  const result = await stillShare(video, values.threshold ? Number(values.threshold) : 0.1);
  console.log(`${video}: ${result.seconds} s, still ${result.stillSeconds.length} s = ${(result.share * 100).toFixed(1)} %${result.stillSeconds.length ? ` (seconds ${runs(result.stillSeconds)})` : ''}`);
  if (values.spec) {
    const spec = JSON.parse(await readFile(values.spec, 'utf8')) as Parameters<typeof footageShare>[0];
    console.log(`cook's footage on screen: ${(footageShare(spec) * 100).toFixed(1)} % of the video (from the spec)`);
  }
}
