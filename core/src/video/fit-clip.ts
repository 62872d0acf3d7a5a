import { TIMELINE_FPS } from './timeline-spec';
import type { SourceRange, TimelineAdjustment } from './timeline-spec';

/** Shortest clip worth showing. */
export const MIN_CLIP_SEC = 2;
/** Silence kept between Part 2 lines when a line has to move, and after the last one. */
export const SPREAD_GAP_SEC = 0.3;
export const CLIP_TAIL_SEC = 0.4;
/** The replay: this much footage either side of the moment, at 0.5× (down to 0.25× when lines need room). */
export const REPLAY_HALF_SEC = 1;
export const REPLAY_RATE = 0.5;
export const SLOWEST_REPLAY_RATE = 0.25;

export interface FitClipInput {
  keyMoment: { start: number; end: number };
  /** The instant of the event (default: the window's middle). */
  at?: number | undefined;
  sourceSec: number;
  /** Part 2 in order: the script offset (from keyMoment.start) and the spoken length. */
  lines: Array<{ id: string; offset: number; durationSec: number }>;
}

export interface FittedClip {
  /** The real-time part of the clip. */
  source: SourceRange;
  replay: { ranges: SourceRange[]; rate: number };
  /** Each line's start inside the clip segment (real-time part then replay). */
  lineStarts: number[];
  durationSec: number;
  adjustments: TimelineAdjustment[];
}

const s1 = (x: number) => x.toFixed(1);

/**
 * Lays Part 2 over the key moment so that it always fits, and says what it changed: a window
 * shorter than MIN_CLIP_SEC is widened (moved earlier at the source's end), a line that would
 * overlap the previous one starts after it, lines that run past the real-time clip continue over
 * the slow replay of the moment; when they run past that too, the clip is extended inside the
 * source, then the replay slowed to 0.25×, then the replay widened and repeated. Script offsets
 * keep pointing at the same source instant when the window moves.
 */
export function fitClip(input: FitClipInput): FittedClip {
  const src = input.sourceSec;
  const adjustments: TimelineAdjustment[] = [];
  let start = clamp(input.keyMoment.start, 0, src);
  let end = clamp(input.keyMoment.end, start, src);
  if (end - start < MIN_CLIP_SEC) {
    const wantedEnd = Math.min(src, start + MIN_CLIP_SEC);
    const wantedStart = Math.max(0, wantedEnd - MIN_CLIP_SEC);
    adjustments.push({
      code: wantedStart < start ? 'clip_moved' : 'clip_widened',
      ja: `キーモーメント（${s1(input.keyMoment.start)}〜${s1(input.keyMoment.end)}秒）が短すぎるため、クリップを${s1(wantedStart)}〜${s1(wantedEnd)}秒に広げました。`,
      en: `The key moment (${s1(input.keyMoment.start)}–${s1(input.keyMoment.end)} s) was too short, so the clip was widened to ${s1(wantedStart)}–${s1(wantedEnd)} s.`,
    });
    start = wantedStart;
    end = wantedEnd;
  }
  // Offsets are from the key moment's start: keep them on the same source instant.
  const shift = input.keyMoment.start - start;

  // Lines in order, each after the previous one has finished.
  const lineStarts: number[] = [];
  let prevEnd = -Infinity;
  for (const line of input.lines) {
    const wanted = Math.max(0, line.offset + shift);
    const t = r3(Math.max(wanted, prevEnd + SPREAD_GAP_SEC));
    if (t > wanted + 0.05) {
      adjustments.push({
        code: 'line_moved',
        lineId: line.id,
        ja: `「${line.id}」は前のセリフと重なるため、${s1(wanted)}秒から${s1(t)}秒に移動しました。`,
        en: `"${line.id}" overlapped the line before it, so it now starts at ${s1(t)} s instead of ${s1(wanted)} s.`,
      });
    }
    lineStarts.push(t);
    prevEnd = t + line.durationSec;
  }
  const needed = prevEnd + CLIP_TAIL_SEC;

  const at = clamp(input.at ?? (start + end) / 2, start, end);
  let replayRange = { start: Math.max(start, at - REPLAY_HALF_SEC), end: Math.min(end, at + REPLAY_HALF_SEC) };
  if (replayRange.end - replayRange.start < 0.5) replayRange = { start, end };
  let rate = REPLAY_RATE;
  let repeats = 1;
  const length = () => floorFrame(end - start) + ((replayRange.end - replayRange.start) * repeats) / rate;

  if (needed > length()) {
    const newEnd = Math.min(src, end + (needed - length()));
    if (newEnd > end + 0.05) {
      adjustments.push({
        code: 'clip_extended',
        ja: `ナレーションが収まるよう、クリップの終わりを${s1(end)}秒から${s1(newEnd)}秒に延ばしました。`,
        en: `The clip now ends at ${s1(newEnd)} s instead of ${s1(end)} s so that the narration fits.`,
      });
      end = newEnd;
    }
  }
  if (needed > length()) {
    rate = Math.max(SLOWEST_REPLAY_RATE, ((replayRange.end - replayRange.start) * repeats) / (needed - floorFrame(end - start)));
    adjustments.push({
      code: 'replay_slowed',
      ja: `ナレーションが収まるよう、スローモーションを${rate.toFixed(2)}倍速にしました。`,
      en: `The slow-motion replay now plays at ${rate.toFixed(2)}× so that the narration fits.`,
    });
  }
  if (needed > length()) {
    replayRange = { start, end };
    repeats = Math.max(1, Math.ceil(((needed - floorFrame(end - start)) * rate) / (end - start)));
    adjustments.push({
      code: 'replay_extended',
      ja: `ナレーションが長いため、クリップ全体をスローモーションで${repeats > 1 ? `${repeats}回` : ''}再生します。`,
      en: `The narration is long, so the whole clip is replayed in slow motion${repeats > 1 ? ` ${repeats} times` : ''}.`,
    });
  }

  const source = { start: r6(start), end: r6(start + floorFrame(end - start)) };
  // The replay lasts a whole number of frames at its rate, and at least until the narration ends.
  const realSec = source.end - source.start;
  const replayWanted = Math.max(((replayRange.end - replayRange.start) * repeats) / rate, needed - realSec);
  const replayFrames = Math.ceil(replayWanted * TIMELINE_FPS - 1e-6);
  let left = (replayFrames / TIMELINE_FPS) * rate;
  const ranges: SourceRange[] = [];
  while (left > 1e-6) {
    const take = Math.min(left, replayRange.end - replayRange.start);
    ranges.push({ start: r6(replayRange.start), end: r6(replayRange.start + take) });
    left -= take;
  }
  return {
    source,
    replay: { ranges, rate: r6(rate) },
    lineStarts,
    durationSec: r6((Math.round(realSec * TIMELINE_FPS) + replayFrames) / TIMELINE_FPS),
    adjustments,
  };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
function floorFrame(x: number): number {
  return Math.floor(x * TIMELINE_FPS + 1e-6) / TIMELINE_FPS;
}
function r3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
function r6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
