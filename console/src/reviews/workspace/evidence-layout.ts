import type { AnalysisTimeline } from '@ajimi/core/contracts/analysis-timeline';

export type EvidenceSpan = AnalysisTimeline['spans'][number];

/**
 * Evidence spans in lanes: each span goes in the first lane whose last span ended before it
 * starts (the shortest spans are widened to `minSec` so an instant stays clickable).
 */
export function laneSpans(spans: EvidenceSpan[], minSec: number): Array<EvidenceSpan & { lane: number; drawEnd: number }> {
  const laneEnds: number[] = [];
  return [...spans]
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .map((s) => {
      const drawEnd = Math.max(s.end, s.start + minSec);
      let lane = laneEnds.findIndex((end) => end <= s.start);
      if (lane < 0) lane = laneEnds.push(drawEnd) - 1;
      else laneEnds[lane] = drawEnd;
      return { ...s, lane, drawEnd };
    });
}

/** The heat curve as an SVG path over a width × height box (heat 1 at the top), one point per step's middle. */
export function heatPath(heat: NonNullable<AnalysisTimeline['heat']>, duration: number, width: number, height: number): string {
  if (!heat.values.length || duration <= 0) return '';
  const x = (t: number) => Math.round(Math.min(1, Math.max(0, t / duration)) * width * 10) / 10;
  const y = (v: number) => Math.round((1 - Math.min(1, Math.max(0, v))) * height * 10) / 10;
  return heat.values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x((i + 0.5) * heat.stepSec)} ${y(v)}`).join(' ');
}

/** Where on the curve the heat changes most within a few steps: for the curve's caption ("the pan went quiet at 1:10"). */
export function largestHeatChange(heat: NonNullable<AnalysisTimeline['heat']>, windowSteps = 3): { t: number; from: number; to: number } | null {
  const v = heat.values;
  let best: { t: number; from: number; to: number } | null = null;
  for (let i = windowSteps; i + windowSteps <= v.length; i++) {
    const before = v.slice(i - windowSteps, i).reduce((a, b) => a + b, 0) / windowSteps;
    const after = v.slice(i, i + windowSteps).reduce((a, b) => a + b, 0) / windowSteps;
    if (!best || Math.abs(after - before) > Math.abs(best.to - best.from)) best = { t: i * heat.stepSec, from: before, to: after };
  }
  return best && Math.abs(best.to - best.from) >= 0.2 ? { t: best.t, from: Math.round(best.from * 100) / 100, to: Math.round(best.to * 100) / 100 } : null;
}
