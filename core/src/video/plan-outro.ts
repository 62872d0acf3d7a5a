import { enoughFootage, planShots, planTail, subtractSpans, total } from './plan-footage';
import type { SourceRange } from './timeline-spec';
import { TIMELINE_FPS as FPS } from './timeline-spec';

/** The replay of the best moment in the outro: at most this long, and at most this share of it. */
export const OUTRO_REPLAY_MAX_SEC = 8;
export const OUTRO_REPLAY_SHARE = 0.4;
/** The replay opens this long before the moment's instant. */
const REPLAY_LEAD_SEC = 1.5;
/** Footage after the dish is seen must be at least this long to close on. */
const MIN_DISH_SEC = 2;

/**
 * The outro's footage, under music and applause: a replay of the best moment (from just before
 * its instant, at 1×), then the dish: the footage after it was plated or the cooking stopped
 * when the analysis saw that, else the end of the cooking stretch. Covered and dark seconds are
 * left out; the ranges play back to back and last exactly `outroSec`.
 */
export function planOutro(input: {
  outroSec: number;
  /** The clip window of the key moment and the instant of its event. */
  moment: SourceRange & { at?: number | undefined };
  /** Usable footage: the cooking stretch, and the whole video, without covered/dark stretches. */
  usable: { intervals: SourceRange[]; wider: SourceRange[] };
  unusable: SourceRange[];
  /** From when the finished dish is on screen (plating seen, or the cooking's stop seen); null: not seen. */
  finishedFrom?: number | null | undefined;
  sourceSec: number;
}): { ranges: SourceRange[]; playbackRate: number } {
  const { outroSec, moment, usable } = input;
  const at = moment.at ?? moment.start + Math.min(3, (moment.end - moment.start) / 5);
  const replayFrom = Math.max(moment.start, at - REPLAY_LEAD_SEC);
  const momentFootage = subtractSpans([{ start: replayFrom, end: moment.end }], input.unusable);
  const wanted = Math.min(OUTRO_REPLAY_MAX_SEC, outroSec * OUTRO_REPLAY_SHARE, total(momentFootage));
  // On the frame grid, so the two parts add up to the outro exactly.
  const replaySec = Math.floor(wanted * FPS) / FPS;
  const dishSec = outroSec - replaySec;

  const finished =
    input.finishedFrom !== null && input.finishedFrom !== undefined && input.finishedFrom < input.sourceSec
      ? subtractSpans([{ start: input.finishedFrom, end: input.sourceSec }], input.unusable)
      : [];
  // The end of the cooking stretch runs on into the finished dish, so the outro closes on it.
  const withDish = total(finished) >= MIN_DISH_SEC ? union([...usable.intervals, ...finished]) : usable.intervals;
  const dish = planTail(enoughFootage(dishSec, withDish, usable.wider), dishSec, 1);
  if (replaySec < 1) return dish;
  const replay = planShots(firstSeconds(momentFootage, replaySec), replaySec, { minRate: 1, maxRate: 1, shots: 1 });
  return { ranges: [...replay.ranges, ...dish.ranges], playbackRate: 1 };
}

function union(ranges: SourceRange[]): SourceRange[] {
  const out: SourceRange[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1e-9) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** The first `seconds` of the intervals laid end to end. */
function firstSeconds(intervals: SourceRange[], seconds: number): SourceRange[] {
  const out: SourceRange[] = [];
  let left = seconds;
  for (const r of intervals) {
    if (left <= 1e-9) break;
    const take = Math.min(left, r.end - r.start);
    out.push({ start: r.start, end: r.start + take });
    left -= take;
  }
  return out;
}
