/**
 * `node --import tsx scripts/bench/analyzer-resolution.ts FILE [runs=1]`
 * What the 0.25 s resolution costs: signals (probe + decode + sound texture) and the local analysis
 * of FILE in full-decode mode (every frame, 0.25 s fine track) against keyframes mode (one motion
 * sample per keyframe, 1 s track), and what `auto` picks with its default budget.
 */
import { extractSignals, type SignalsMode } from '../../core/src/media/extract-signals';
import { probePlayableVideo } from '../../core/src/media/probe-video';
import { LocalVideoAnalyzer } from '../../core/src/services/analysis/local-analyzer';
import { loadKnowledge } from '../../core/src/services/knowledge/load-knowledge';

const file = process.argv[2];
const runs = Number(process.argv[3] ?? 1);
if (!file) {
  console.error('Usage: scripts/bench/analyzer-resolution.ts FILE [runs]');
  process.exit(2);
}
const knowledge = await loadKnowledge();
const rubric = knowledge.dishes.find((d) => d.slug === 'fried-rice')!;
const probe = await probePlayableVideo(file);
console.log(`${file}: ${probe.durationSec.toFixed(1)} s, ${probe.width}×${probe.height}, ${probe.videoCodec}, ${((probe.bitRate ?? 0) / 1e6).toFixed(1)} Mb/s`);
for (const mode of ['keyframes', 'full', 'auto'] as SignalsMode[]) {
  const times: number[] = [];
  let summary = '';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const signals = await extractSignals(file, { probe, mode });
    const t1 = performance.now();
    const result = await new LocalVideoAnalyzer().analyze({ videoPath: undefined, signals, rubric, principles: [], learner: { name: 'you', attemptNumber: 1 }, note: null, transcript: null, selfRatings: {} });
    const t2 = performance.now();
    times.push(t2 - t0);
    summary = `${signals.sampling.mode}, fine step ${signals.sampling.fineStepSec} s, signals ${((t1 - t0) / 1000).toFixed(1)} s + analysis ${((t2 - t1) / 1000).toFixed(2)} s; events ${result.events.map((e) => `${e.type}@${e.t}`).join(' ')}`;
  }
  times.sort((a, b) => a - b);
  console.log(`${mode}: median ${(times[Math.floor(times.length / 2)]! / 1000).toFixed(1)} s (${summary})`);
}
