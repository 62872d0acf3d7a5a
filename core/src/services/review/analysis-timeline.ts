import type { AnalysisTimeline } from '../../contracts/analysis-timeline';
import type { AnalysisResult, Evidence } from '../../domain/analysis';

/** Most heat points sent (as MAX_SIGNAL_POINTS for the other curves) and most evidence spans. */
const MAX_HEAT_POINTS = 300;
const MAX_SPANS = 40;
/** Findings weaker than this are context, not claims: their evidence is not drawn. */
const FINDING_SHOWN = 0.25;

/**
 * The analysis laid on the time axis for the console's evidence timeline: the heat curve (mean per
 * bucket, at most MAX_HEAT_POINTS), the cooking stretch, the key moments with their instants, and
 * every evidence line that has a time span, tagged with the claim it supports. Spans repeated by
 * several claims (the diagnosis's evidence is also its finding's) are sent once.
 */
export function analysisTimeline(result: AnalysisResult, durationSec: number): AnalysisTimeline {
  const coachable = result.coachable !== false;
  const spans: AnalysisTimeline['spans'] = [];
  const seen = new Set<string>();
  const add = (e: Evidence, claim: AnalysisTimeline['spans'][number]['claim'], code: string | null) => {
    if (e.start === undefined || e.end === undefined || spans.length >= MAX_SPANS) return;
    const start = Math.max(0, e.start);
    const end = Math.max(start, durationSec > 0 ? Math.min(e.end, durationSec) : e.end);
    const key = `${start}:${end}:${e.signal ?? ''}:${e.en}`;
    if (seen.has(key)) return;
    seen.add(key);
    spans.push({ start, end, signal: e.signal ?? 'visual', claim, code, text: { ja: e.ja, en: e.en }, value: e.value ?? null });
  };
  if (result.diagnosis) for (const e of result.diagnosis.evidence) add(e, 'diagnosis', result.diagnosis.code);
  for (const m of result.keyMoments) for (const e of m.evidence ?? []) add(e, 'moment', null);
  for (const f of result.findings ?? []) if (f.score >= FINDING_SHOWN) for (const e of f.evidence ?? []) add(e, 'finding', f.code);
  for (const e of result.abstain?.seen ?? []) add(e, 'seen', null);

  return {
    coachable,
    abstain: result.abstain ? { reason: result.abstain.reason, message: result.abstain.message } : null,
    heat: heatCurve(result.heatCurve ?? [], durationSec),
    cooking: result.cooking ?? null,
    events: result.events.map((e) => ({ t: e.t, type: e.type, confidence: e.confidence })),
    moments: result.keyMoments.map((m) => ({ at: m.at ?? null, start: m.start, end: m.end, reason: m.reason })),
    spans,
    sampling: result.sampling ?? null,
  };
}

function heatCurve(points: Array<{ t: number; heat: number }>, durationSec: number): AnalysisTimeline['heat'] {
  if (!points.length) return null;
  const span = Math.max(durationSec, points.at(-1)!.t + 1);
  const stepSec = Math.max(1, Math.ceil(span / MAX_HEAT_POINTS));
  const buckets = Math.ceil(span / stepSec);
  const sums = new Array<number>(buckets).fill(0);
  const counts = new Array<number>(buckets).fill(0);
  for (const p of points) {
    const i = Math.min(buckets - 1, Math.max(0, Math.floor(p.t / stepSec)));
    sums[i]! += p.heat;
    counts[i]!++;
  }
  return { stepSec, values: sums.map((s, i) => (counts[i] ? Math.round((s / counts[i]!) * 1000) / 1000 : 0)) };
}
