/**
 * What the camera sees, from small grey frames (luma 0–255, row-major), against the framing
 * guide: the centred ellipse where the pan should sit. Plain measurements, no model:
 * - lit: the mean brightness inside the guide (a dark kitchen or a covered lens reads low);
 * - blank: almost no contrast inside the guide (lens covered, pointed at a wall or the ceiling);
 * - cut off: the picture's outer strip on one side carries far more edges than the others, i.e.
 *   something with a hard outline (the pan's rim, its handle) runs off that side of the frame;
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
/** A side whose edge strip has this many times the edges of the quietest side, and enough of them. */
const CUT_RATIO = 2.5;
const CUT_MIN_EDGE = 10;
const STRIP = 0.1;

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

/** Mean gradient magnitude in each side's outer strip; the side that stands out, if one does. */
export function edgeStrips(frame: GreyFrame): Record<Side, number> {
  const { width: w, height: h, luma } = frame;
  const sx = Math.max(2, Math.round(w * STRIP));
  const sy = Math.max(2, Math.round(h * STRIP));
  const acc: Record<Side, { s: number; n: number }> = { left: { s: 0, n: 0 }, right: { s: 0, n: 0 }, top: { s: 0, n: 0 }, bottom: { s: 0, n: 0 } };
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const gx = (luma[i + 1] ?? 0) - (luma[i - 1] ?? 0);
      const gy = (luma[i + w] ?? 0) - (luma[i - w] ?? 0);
      const g = Math.abs(gx) + Math.abs(gy);
      const add = (side: Side) => {
        acc[side].s += g;
        acc[side].n++;
      };
      if (x < sx) add('left');
      if (x >= w - sx) add('right');
      if (y < sy) add('top');
      if (y >= h - sy) add('bottom');
    }
  }
  const mean = (side: Side) => (acc[side].n ? acc[side].s / acc[side].n : 0);
  return { left: mean('left'), right: mean('right'), top: mean('top'), bottom: mean('bottom') };
}

function cutOffSide(frame: GreyFrame): Side | null {
  const strips = edgeStrips(frame);
  const sides = Object.keys(strips) as Side[];
  const quietest = Math.min(...sides.map((s) => strips[s]));
  let best: Side | null = null;
  for (const side of sides) {
    const e = strips[side];
    if (e >= CUT_MIN_EDGE && e >= CUT_RATIO * Math.max(quietest, 1) && (!best || e > strips[best])) best = side;
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
