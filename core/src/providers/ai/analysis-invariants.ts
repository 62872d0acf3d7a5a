import { abstainMessage } from '../../domain/abstain-message';
import type { AbstainReason, AnalysisResult, KeyMoment } from '../../domain/analysis';
import type { VideoSignals } from '../../domain/signals';

/** A key moment shorter than this (seconds) after clamping is not worth showing. */
export const MIN_MOMENT_SEC = 2;
/** Half-width of the fallback moment around the biggest-motion second. */
const FALLBACK_HALF_SEC = 3;

export const FALLBACK_MOMENT_REASON = {
  ja: '動きがいちばん大きかった場面（AIの候補が使えなかったための代わり）',
  en: 'The moment with the most movement (fallback: no usable AI candidate)',
} as const;

function videoDuration(signals: VideoSignals): number {
  if (Number.isFinite(signals.durationSec) && signals.durationSec > 0) return signals.durationSec;
  return signals.seconds.length;
}

function blockedSeconds(signals: VideoSignals): Set<number> {
  return new Set(signals.seconds.filter((s) => s.obstructed).map((s) => s.t));
}

/** Longest run of unblocked whole seconds in [from, to): returns [start, end) or null. */
function longestClearRun(from: number, to: number, blocked: Set<number>): [number, number] | null {
  let best: [number, number] | null = null;
  let runStart = -1;
  for (let t = from; t <= to; t++) {
    const clear = t < to && !blocked.has(t);
    if (clear && runStart < 0) runStart = t;
    if (!clear && runStart >= 0) {
      if (!best || t - runStart > best[1] - best[0]) best = [runStart, t];
      runStart = -1;
    }
  }
  return best;
}

/** Clamps one moment into [0, duration] and out of obstructed seconds; null when nothing usable is left. */
export function fitMoment(moment: KeyMoment, duration: number, blocked: Set<number>): KeyMoment | null {
  let start = moment.start;
  let end = moment.end;
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  if (end < start) [start, end] = [end, start];
  start = Math.max(0, start);
  end = Math.min(duration, end);
  if (start >= duration || end <= 0) return null;
  if (end - start < MIN_MOMENT_SEC) {
    end = Math.min(duration, start + MIN_MOMENT_SEC);
    start = Math.max(0, end - MIN_MOMENT_SEC);
  }
  if (end <= start) return null;

  const first = Math.floor(start);
  const last = Math.ceil(end); // seconds first .. last-1 are touched
  let touchesBlocked = false;
  for (let t = first; t < last; t++) if (blocked.has(t)) touchesBlocked = true;
  if (touchesBlocked) {
    const run = longestClearRun(first, last, blocked);
    if (!run) return null;
    start = Math.max(start, run[0]);
    end = Math.min(end, run[1]);
    if (end - start < MIN_MOMENT_SEC) return null;
  }
  const at = moment.at === undefined ? {} : { at: round1(Math.min(end, Math.max(start, moment.at))) };
  return { ...moment, start: round1(start), end: round1(end), ...at };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** A moment around the second with the most motion (preferring unobstructed seconds). */
export function fallbackMoment(signals: VideoSignals): KeyMoment {
  const duration = videoDuration(signals);
  const blocked = blockedSeconds(signals);
  const inside = signals.seconds.filter((s) => s.t < duration);
  const clear = inside.filter((s) => !blocked.has(s.t));
  const pool = clear.length ? clear : inside;
  const peak = pool.reduce<(typeof pool)[number] | undefined>((best, s) => (!best || s.motion > best.motion ? s : best), undefined);
  const centre = peak ? peak.t + 0.5 : Math.min(duration, FALLBACK_HALF_SEC);
  let start = Math.max(0, centre - FALLBACK_HALF_SEC);
  let end = Math.min(duration, centre + FALLBACK_HALF_SEC);
  if (peak && clear.length) {
    // Stay inside the unobstructed stretch that contains the peak.
    let lo = peak.t;
    while (lo - 1 >= 0 && !blocked.has(lo - 1) && lo - 1 >= Math.floor(start)) lo--;
    let hi = peak.t + 1;
    while (hi < Math.ceil(end) && !blocked.has(hi)) hi++;
    start = Math.max(start, lo);
    end = Math.min(end, hi);
  }
  if (end <= start) end = start + 1;
  return {
    start: round1(start),
    end: round1(end),
    reason: { ...FALLBACK_MOMENT_REASON },
    cue: {},
    score: 0.2,
  };
}

/**
 * What the schema cannot say about a model's analysis, enforced against the ingest signals:
 * - key moments lie inside the video, start < end, at least MIN_MOMENT_SEC long, and never touch
 *   an obstructed second (clamped to the longest clear stretch, or dropped);
 * - key moments are ranked best first (by score; ties keep the model's order);
 * - when no moment survives, one is placed around the biggest-motion second;
 * - events lie inside the video and are in time order; findings are unique per code.
 */
export function enforceAnalysisInvariants(input: AnalysisResult, signals: VideoSignals): AnalysisResult {
  const result = enforceContractInvariants(input, signals);
  if (result.coachable === false) return result;
  const duration = videoDuration(signals);
  const blocked = blockedSeconds(signals);
  const moments = result.keyMoments
    .map((m) => fitMoment(m, duration, blocked))
    .filter((m): m is KeyMoment => m !== null)
    .map((m, i) => ({ m, i }))
    .sort((a, b) => b.m.score - a.m.score || a.i - b.i)
    .map(({ m }) => m);

  const events = result.events
    .filter((e) => Number.isFinite(e.t) && e.t >= 0 && e.t <= duration)
    .sort((a, b) => a.t - b.t);

  const bestFinding = new Map<string, AnalysisResult['findings'][number]>();
  for (const f of result.findings) {
    const seen = bestFinding.get(f.code);
    if (!seen || f.score > seen.score) bestFinding.set(f.code, f);
  }

  return {
    ...result,
    events,
    keyMoments: moments.length ? moments : [fallbackMoment(signals)],
    findings: [...bestFinding.values()],
  };
}

/** Under this many seconds nothing about the cooking can be judged (as the offline gate). */
export const MIN_COACHABLE_SEC = 5;
const TIME_CODES = new Set(['too_short', 'too_long_on_heat']);

/**
 * The v2 contract on top of the moment rules (issue 12):
 * - a clip under MIN_COACHABLE_SEC, a result that says it cannot coach, or one without a
 *   diagnosis, is not coachable: no events, moments, findings or diagnosis, and an abstain
 *   message for the cook (the standard one when the model gave none);
 * - a diagnosis about cooking time needs the cooking stretch's start and stop both seen;
 *   otherwise time findings score 0, and a time diagnosis becomes an abstention (partial_cook);
 * - each moment's `at` lies inside its (clamped) window and not in an obstructed second;
 * - evidence spans lie inside the video, start ≤ end.
 */
export function enforceContractInvariants(result: AnalysisResult, signals: VideoSignals): AnalysisResult {
  const duration = videoDuration(signals);
  const blocked = blockedSeconds(signals);
  const span = <E extends { start?: number | undefined; end?: number | undefined }>(e: E): E => {
    if (e.start === undefined && e.end === undefined) return e;
    const a = Math.min(duration, Math.max(0, e.start ?? e.end ?? 0));
    const b = Math.min(duration, Math.max(a, e.end ?? a));
    return { ...e, start: round1(a), end: round1(b) };
  };
  const timeKnown = Boolean(result.cooking?.startSeen && result.cooking.stopSeen);
  let reason: AbstainReason | null = null;
  if (duration < MIN_COACHABLE_SEC) reason = 'too_short';
  else if (result.coachable === false || !result.diagnosis) reason = result.abstain?.reason ?? 'unreadable';
  else if (TIME_CODES.has(result.diagnosis.code) && !timeKnown) reason = 'partial_cook';
  if (reason) {
    const message = result.abstain?.reason === reason && result.abstain.message ? result.abstain.message : abstainMessage(reason, duration);
    return { ...result, coachable: false, abstain: { ...(result.abstain ?? {}), reason, message }, events: [], keyMoments: [], diagnosis: null, findings: [] };
  }
  const keyMoments = result.keyMoments
    .map((m) => {
      const at = Math.min(m.end, Math.max(m.start, m.at ?? (m.start + m.end) / 2));
      return { ...m, at: round1(at), evidence: m.evidence?.map(span) };
    })
    .filter((m) => !blocked.has(Math.floor(m.at)));
  return {
    ...result,
    coachable: true,
    abstain: null,
    keyMoments,
    diagnosis: result.diagnosis ? { ...result.diagnosis, evidence: result.diagnosis.evidence.map(span) } : null,
    findings: result.findings.map((f) => ({ ...f, score: TIME_CODES.has(f.code) && !timeKnown ? 0 : f.score, evidence: f.evidence?.map(span) })),
  };
}
