import { TIMELINE_FPS as FPS } from './timeline-spec';
import type { SourceRange } from './timeline-spec';

/** Stretches shorter than this are not worth a cut. */
export const MIN_SHOT_SEC = 0.5;

/** What the analysis knows about the cook's footage that decides what the video shows. */
export interface FootageHints {
  /** Stretches not worth showing: the lens covered / something right in front of it, or too dark. */
  unusable: SourceRange[];
  /** The detected cooking stretch (null or absent: unknown, the whole video is used). */
  cooking?: { start: number; end: number } | null | undefined;
  /** The instant of the key moment's event (inside the clip window). */
  at?: number | undefined;
  /** Where in the picture the moment happened (fractions of the source frame); null: not located. */
  marker?: { x: number; y: number; w: number; h: number } | null | undefined;
  /** Width ÷ height of the source picture. */
  aspect?: number | undefined;
  /** From when the finished dish is on screen: plating seen, else the cooking's stop seen; null: not seen. */
  finishedFrom?: number | null | undefined;
}

/** `intervals` minus `spans` (both sorted or not), dropping pieces shorter than MIN_SHOT_SEC. */
export function subtractSpans(intervals: SourceRange[], spans: SourceRange[]): SourceRange[] {
  let out = intervals.map((r) => ({ ...r }));
  for (const cut of spans) {
    const next: SourceRange[] = [];
    for (const r of out) {
      if (cut.end <= r.start || cut.start >= r.end) {
        next.push(r);
        continue;
      }
      if (cut.start > r.start) next.push({ start: r.start, end: cut.start });
      if (cut.end < r.end) next.push({ start: cut.end, end: r.end });
    }
    out = next;
  }
  return out.filter((r) => r.end - r.start >= MIN_SHOT_SEC).sort((a, b) => a.start - b.start);
}

/** The length of the ranges together (s). */
export const total = (rs: SourceRange[]) => rs.reduce((s, r) => s + r.end - r.start, 0);

/**
 * The footage worth showing: the cooking stretch (when detected) without the covered and dark
 * stretches. Falls back to the whole video without them, then to the whole video, so there is
 * always something to show. `skippedSec` is how much of the chosen stretch was left out.
 */
export function usableFootage(
  sourceSec: number,
  hints: FootageHints | undefined,
): { intervals: SourceRange[]; skippedSec: number; /** The whole video without covered/dark stretches (for filling when the stretch is short). */ wider: SourceRange[] } {
  const whole: SourceRange[] = [{ start: 0, end: sourceSec }];
  const cooking = hints?.cooking;
  const stretch: SourceRange[] =
    cooking && Math.min(cooking.end, sourceSec) - cooking.start >= 2 ? [{ start: Math.max(0, cooking.start), end: Math.min(cooking.end, sourceSec) }] : whole;
  const unusable = hints?.unusable ?? [];
  const enough = (rs: SourceRange[]) => total(rs) >= Math.min(2, sourceSec * 0.2);
  const wider = enough(subtractSpans(whole, unusable)) ? subtractSpans(whole, unusable) : whole;
  for (const base of [stretch, whole]) {
    const intervals = subtractSpans(base, unusable);
    if (enough(intervals)) return { intervals, skippedSec: r6(total(whole) - total(wider)), wider };
  }
  return { intervals: whole, skippedSec: 0, wider: whole };
}

/** The first of these footage choices long enough for `seconds` at 1× (else the longest): fewer loops of the same shot. */
export function enoughFootage(seconds: number, ...choices: SourceRange[][]): SourceRange[] {
  const usable = choices.filter((c) => c.length > 0);
  return usable.find((c) => total(c) >= seconds) ?? usable.reduce((a, b) => (total(b) > total(a) ? b : a), usable[0] ?? []);
}

/**
 * `durationSec` of output cut from `intervals`: a few shots spread evenly over them, played at the
 * rate that fits (minRate–maxRate, in quarter steps). Footage too short even at minRate is looped
 * rather than held on a frame.
 */
export function planShots(
  intervals: SourceRange[],
  durationSec: number,
  options: { minRate?: number; maxRate?: number; shots?: number; /** Whole-number rates only (each output frame is a source frame: preview and render agree frame for frame). */ wholeRates?: boolean } = {},
): { ranges: SourceRange[]; playbackRate: number } {
  const minRate = options.minRate ?? 1;
  const maxRate = options.maxRate ?? 8;
  const available = total(intervals);
  const steps = options.wholeRates ? 1 : 4;
  const playbackRate = Math.min(maxRate, Math.max(minRate, Math.floor((available / durationSec) * steps) / steps));
  const needed = durationSec * playbackRate;
  const shots = options.shots ?? Math.min(8, Math.max(3, Math.round(durationSec / 4)));
  const shotLen = needed / shots;
  const ranges: SourceRange[] = [];
  if (needed <= available + 1e-9) {
    for (let i = 0; i < shots; i++) {
      const vStart = shots === 1 ? (available - shotLen) / 2 : (i * (available - shotLen)) / (shots - 1);
      ranges.push(...toReal(intervals, vStart, vStart + shotLen));
    }
  } else {
    let left = needed;
    while (left > 1e-9) {
      const take = Math.min(left, available);
      ranges.push(...toReal(intervals, 0, take));
      left -= take;
    }
  }
  return { ranges: mergeTouching(ranges), playbackRate };
}

/**
 * The last `durationSec × rate` seconds of `intervals` (the end of the cooking: the dish as it
 * finishes), looped from the start of that tail when the footage is shorter.
 */
export function planTail(intervals: SourceRange[], durationSec: number, rate: number): { ranges: SourceRange[]; playbackRate: number } {
  const available = total(intervals);
  const needed = durationSec * rate;
  if (needed <= available + 1e-9) return { ranges: mergeTouching(toReal(intervals, available - needed, available)), playbackRate: rate };
  return planShots(intervals, durationSec, { minRate: rate, maxRate: rate, shots: 1 });
}

/** The intervals laid end to end ("virtual time"); the real ranges under vStart..vEnd. */
function toReal(intervals: SourceRange[], vStart: number, vEnd: number): SourceRange[] {
  const out: SourceRange[] = [];
  let offset = 0;
  for (const r of intervals) {
    const len = r.end - r.start;
    const a = Math.max(vStart, offset);
    const b = Math.min(vEnd, offset + len);
    if (b - a > 1e-9) out.push(onFrameGrid(r.start + a - offset, r.start + b - offset, r));
    offset += len;
  }
  return out;
}

/**
 * A range moved (by less than half a frame) to start on the 30 fps grid, its length kept, so the
 * preview (which seeks by frame) and the renderer (which seeks by time) start on the same frame.
 * Stays inside its interval.
 */
function onFrameGrid(start: number, end: number, within: SourceRange): SourceRange {
  let shift = Math.round(start * FPS) / FPS - start;
  if (end + shift > within.end + 1e-9 || start + shift < within.start - 1e-9) shift = 0;
  return { start: r6(start + shift), end: r6(end + shift) };
}

/** Joins ranges where one ends exactly where the next starts (fewer decoder inputs). */
function mergeTouching(ranges: SourceRange[]): SourceRange[] {
  const out: SourceRange[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.end - r.start) < 1e-6) last.end = r.end;
    else out.push({ ...r });
  }
  return out;
}

function r6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
