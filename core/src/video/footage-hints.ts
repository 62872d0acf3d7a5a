import type { AnalysisResult } from '../domain/analysis';
import type { VideoSignals } from '../domain/signals';
import type { FootageHints } from './plan-footage';
import type { SourceRange } from './timeline-spec';

/** The marker looks at the moving cells this close to the moment's instant. */
export const MARKER_WINDOW_SEC = 0.5;

/**
 * What the video needs from the analysis and the signals: the stretches not worth showing (lens
 * covered or too dark, at 0.25 s from the fine track, else per second), the cooking stretch, the
 * moment's instant and where in the picture things moved at that instant, and when the finished
 * dish is on screen. The marker is only
 * given when the fine track measured the movement there (never a guess at the frame centre).
 */
export function footageHints(
  analysis: (Pick<AnalysisResult, 'cooking'> & Partial<Pick<AnalysisResult, 'events'>>) | null | undefined,
  signals: VideoSignals | null | undefined,
  moment: { start: number; end: number; at?: number | undefined } | null | undefined,
  picture?: { width: number; height: number } | undefined,
): FootageHints {
  const at = moment?.at;
  return {
    unusable: signals ? unusableSpans(signals) : [],
    cooking: analysis?.cooking ? { start: analysis.cooking.start, end: analysis.cooking.end } : null,
    ...(at !== undefined ? { at } : {}),
    marker: signals && at !== undefined ? movementRegion(signals, at) : null,
    ...(picture && picture.width > 0 && picture.height > 0 ? { aspect: picture.width / picture.height } : {}),
    finishedFrom: finishedFrom(analysis),
  };
}

/** When the finished dish is on screen: the first plating seen after the cooking, else the cooking's end when its stop was seen. */
function finishedFrom(analysis: (Pick<AnalysisResult, 'cooking'> & Partial<Pick<AnalysisResult, 'events'>>) | null | undefined): number | null {
  const cooking = analysis?.cooking;
  const plating = (analysis?.events ?? []).filter((e) => e.type === 'plating' && (!cooking || e.t >= cooking.start)).sort((a, b) => a.t - b.t)[0];
  if (plating) return plating.t;
  return cooking?.stopSeen ? cooking.end : null;
}

/** Covered or dark stretches, merged. */
export function unusableSpans(signals: VideoSignals): SourceRange[] {
  const step = signals.sampling?.fineStepSec ?? 0.25;
  const marks: SourceRange[] = signals.fine?.length
    ? signals.fine.filter((f) => f.covered || f.tooDark).map((f) => ({ start: f.t, end: f.t + step }))
    : signals.seconds.filter((s) => s.obstructed || s.tooDark).map((s) => ({ start: s.t, end: s.t + 1 }));
  const spans: SourceRange[] = [];
  for (const m of marks.sort((a, b) => a.start - b.start)) {
    const last = spans[spans.length - 1];
    if (last && m.start <= last.end + 1e-6) last.end = Math.max(last.end, m.end);
    else spans.push({ ...m });
  }
  return spans.map((s) => ({ start: round3(s.start), end: round3(Math.min(s.end, signals.durationSec)) })).filter((s) => s.end > s.start);
}

/**
 * Where things moved around `at`: the centre of the moving cells (weighted by motion) and a box
 * the size of the largest moving group (the fine track's `region`, a share of the frame's area).
 * Null without a fine track, or when nothing (uncovered) moved there.
 */
export function movementRegion(signals: VideoSignals, at: number): FootageHints['marker'] {
  const near = (signals.fine ?? []).filter((f) => Math.abs(f.t - at) <= MARKER_WINDOW_SEC && !f.covered && f.cx !== null && f.cy !== null && f.region > 0);
  if (near.length === 0) return null;
  const weight = near.reduce((s, f) => s + Math.max(f.motion, 1e-4), 0);
  const cx = near.reduce((s, f) => s + f.cx! * Math.max(f.motion, 1e-4), 0) / weight;
  const cy = near.reduce((s, f) => s + f.cy! * Math.max(f.motion, 1e-4), 0) / weight;
  const region = Math.max(...near.map((f) => f.region));
  // A square-ish region of that area; never a sliver, never the whole frame.
  const side = Math.min(0.6, Math.max(0.15, Math.sqrt(region) * 1.2));
  const x = Math.min(1 - side, Math.max(0, cx - side / 2));
  const y = Math.min(1 - side, Math.max(0, cy - side / 2));
  return { x: round3(x), y: round3(y), w: round3(side), h: round3(side) };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
