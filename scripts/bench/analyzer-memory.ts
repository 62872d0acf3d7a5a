/**
 * `node --import tsx scripts/bench/analyzer-memory.ts [minutes=60] [mode=keyframes]`
 * Peak memory (RSS, sampled every 100 ms) of the signals and the local analysis of a long clip:
 * a generated MINUTES-long 160×90 clip at 5 fps with a keyframe every second and 48 kHz sound
 * (kept in the OS temp folder). The picture is tiny on purpose: what is measured is what grows
 * with the length (the sound track, the per-second and 0.25 s tracks), not the frame size.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractSignals, type SignalsMode } from '../../core/src/media/extract-signals';
import { probePlayableVideo } from '../../core/src/media/probe-video';
import { FFMPEG_BASE_ARGS, runMediaTool } from '../../core/src/media/run-media-tool';
import { LocalVideoAnalyzer } from '../../core/src/services/analysis/local-analyzer';
import { loadKnowledge } from '../../core/src/services/knowledge/load-knowledge';

const minutes = Number(process.argv[2] ?? 60);
const mode = (process.argv[3] ?? 'keyframes') as SignalsMode;
const seconds = Math.round(minutes * 60);
const file = path.join(tmpdir(), `ajimi-long-${seconds}s.mp4`);
if (!existsSync(file)) {
  const t0 = performance.now();
  await runMediaTool('ffmpeg', [
    ...FFMPEG_BASE_ARGS,
    '-f', 'lavfi', '-i', `testsrc2=s=160x90:r=5:d=${seconds}`,
    '-f', 'lavfi', '-i', `anoisesrc=color=pink:amplitude=0.2:r=48000:seed=4:d=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '5', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '64k', '-ac', '1', '-shortest', file,
  ]);
  console.log(`generated ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const base = peak;
const t0 = performance.now();
const probe = await probePlayableVideo(file);
const signals = await extractSignals(file, { probe, mode });
const t1 = performance.now();
const knowledge = await loadKnowledge();
const rubric = knowledge.dishes.find((d) => d.slug === 'fried-rice')!;
const result = await new LocalVideoAnalyzer().analyze({ videoPath: undefined, signals, rubric, principles: [], learner: { name: 'you', attemptNumber: 1 }, note: null, transcript: null, selfRatings: {} });
const t2 = performance.now();
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
console.log(
  `${probe.durationSec.toFixed(0)} s clip, ${signals.sampling.mode}: signals ${((t1 - t0) / 1000).toFixed(1)} s, analysis ${((t2 - t1) / 1000).toFixed(1)} s; ` +
    `RSS at start ${mb(base)}, peak ${mb(peak)} (+${mb(peak - base)}); coachable ${result.coachable}, ${signals.fine?.length ?? 0} fine steps`,
);
