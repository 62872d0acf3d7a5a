/**
 * What the camera sees, from small grey frames (luma 0–255, row-major), against the framing
 * guide: the centred ellipse where the pan should sit. Plain measurements, no model:
 * - lit: the mean brightness inside the guide (a dark kitchen or a covered lens reads low);
 * - blank: almost no contrast inside the guide (lens covered, pointed at a wall or the ceiling);
 * - cut off: a hard outline (the pan's rim) crosses one side of the picture twice, far apart, so
 *   a slice of the pan lies beyond that side (a handle crosses in a narrow band: not counted);
 * - steady: the part outside the guide barely changes between frames (the mount is not moving);
 * - motion: how much changes inside the guide (hands, food, a spatula), for automatic start.
 */
export interface GreyFrame {
  width: number;
  height: number;
  luma: Uint8ClampedArray | Uint8Array;
}

export type Side = 'left' | 'right' | 'top' | 'bottom';

export interface FrameReading {
  brightness: number;
  contrast: number;
  dark: boolean;
  blank: boolean;
  cutOff: Side | null;
  /** Mean absolute change outside the guide since the previous frame (0–255); null for the first frame. */
  shake: number | null;
  /** Mean absolute change inside the guide since the previous frame (0–255); null for the first frame. */
  motion: number | null;
}

export const DARK_BELOW = 45;
export const BLANK_CONTRAST_BELOW = 6;
export const SHAKY_ABOVE = 10;
/** A gradient this strong (|dx|+|dy| over two pixels, 0–510) is an outline, not texture. */
const STRONG_EDGE = 60;
/** Pixels from the border searched for a crossing outline. */
const BORDER_BAND = 3;
/** Crossings this far apart (share of the side) are a pan's chord, not a handle. */
const CUT_MIN_SPAN = 0.3;

/** Inside the guide ellipse: centred, 80 % of the height and 80 % of the height wide on a landscape frame. */
export function insideGuide(x: number, y: number, width: number, height: number): boolean {
  const r = 0.4 * Math.min(width, height);
  const dx = (x + 0.5 - width / 2) / r;
  const dy = (y + 0.5 - height / 2) / r;
  return dx * dx + dy * dy <= 1;
}

export function readFrame(frame: GreyFrame, previous: GreyFrame | null): FrameReading {
  const { width: w, height: h, luma } = frame;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  let inDiff = 0;
  let inN = 0;
  let outDiff = 0;
  let outN = 0;
  const comparable = previous && previous.width === w && previous.height === h ? previous.luma : null;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const v = luma[i] ?? 0;
      const inside = insideGuide(x, y, w, h);
      if (inside) {
        sum += v;
        sumSq += v * v;
        n++;
      }
      if (comparable) {
        const d = Math.abs(v - (comparable[i] ?? 0));
        if (inside) {
          inDiff += d;
          inN++;
        } else {
          outDiff += d;
          outN++;
        }
      }
    }
  }
  const brightness = n ? sum / n : 0;
  const contrast = n ? Math.sqrt(Math.max(0, sumSq / n - brightness * brightness)) : 0;
  return {
    brightness,
    contrast,
    dark: brightness < DARK_BELOW,
    blank: contrast < BLANK_CONTRAST_BELOW,
    cutOff: cutOffSide(frame),
    shake: comparable ? (outN ? outDiff / outN : 0) : null,
    motion: comparable ? (inN ? inDiff / inN : 0) : null,
  };
}

/**
 * Where hard outlines cross each side of the picture, as a share of that side's length: the span
 * from the first crossing to the last. A pan cut off at a side crosses it twice, a chord apart
 * (a long span); a handle sticking out crosses it in a narrow band; fine texture (tiles, grain)
 * is not strong enough to count.
 */
export function borderCrossings(frame: GreyFrame): Record<Side, number> {
  const { width: w, height: h, luma } = frame;
  const g = (x: number, y: number) => {
    const i = y * w + x;
    return Math.abs((luma[i + 1] ?? 0) - (luma[i - 1] ?? 0)) + Math.abs((luma[i + w] ?? 0) - (luma[i - w] ?? 0));
  };
  const span = (positions: number[], length: number) => (positions.length >= 2 ? ((positions.at(-1) ?? 0) - (positions[0] ?? 0)) / length : 0);
  const along = (count: number, at: (k: number, depth: number) => number) => {
    const hits: number[] = [];
    for (let k = 1; k < count - 1; k++) {
      for (let depth = 1; depth <= BORDER_BAND; depth++) {
        if (at(k, depth) >= STRONG_EDGE) {
          hits.push(k);
          break;
        }
      }
    }
    return span(hits, count);
  };
  return {
    left: along(h, (k, d) => g(d, k)),
    right: along(h, (k, d) => g(w - 1 - d, k)),
    top: along(w, (k, d) => g(k, d)),
    bottom: along(w, (k, d) => g(k, h - 1 - d)),
  };
}

const OPPOSITE: Record<Side, Side> = { left: 'right', right: 'left', top: 'bottom', bottom: 'top' };

function cutOffSide(frame: GreyFrame): Side | null {
  const spans = borderCrossings(frame);
  let best: Side | null = null;
  for (const side of Object.keys(spans) as Side[]) {
    // Outlines crossing opposite sides alike are the scene (a counter's edge), not the pan.
    if (spans[side] >= CUT_MIN_SPAN && spans[OPPOSITE[side]] < CUT_MIN_SPAN && (!best || spans[side] > spans[best])) best = side;
  }
  return best;
}

export type PreflightProblem = { code: 'dark' } | { code: 'blank' } | { code: 'cut_off'; side: Side } | { code: 'shaky' };

/**
 * The 3-second pre-flight: a problem counts when it shows in most of the frames (one odd frame,
 * a hand passing, is not a verdict). Returns what to fix, most fundamental first.
 */
export function preflight(readings: FrameReading[]): PreflightProblem[] {
  if (!readings.length) return [];
  const most = (f: (r: FrameReading) => boolean) => readings.filter(f).length * 2 > readings.length;
  const problems: PreflightProblem[] = [];
  if (most((r) => r.dark)) problems.push({ code: 'dark' });
  else if (most((r) => r.blank)) problems.push({ code: 'blank' });
  for (const side of ['left', 'right', 'top', 'bottom'] as const) {
    if (!problems.length && most((r) => r.cutOff === side)) problems.push({ code: 'cut_off', side });
  }
  const moving = readings.filter((r) => r.shake !== null);
  if (moving.length && moving.filter((r) => (r.shake ?? 0) > SHAKY_ABOVE).length * 2 > moving.length) problems.push({ code: 'shaky' });
  return problems;
}
