import type { LumaRange } from './frame-stats';

/**
 * Where in the picture things happen: the analysis frame split into GRID_COLS × GRID_ROWS cells.
 * Per cell: the mean absolute luma difference to an earlier frame (motion), and the RMS luma
 * gradient (detail). Pure functions over the Y plane.
 */
export const GRID_COLS = 8;
export const GRID_ROWS = 6;
export const GRID_CELLS = GRID_COLS * GRID_ROWS;

/**
 * A cell "moves" when its mean absolute luma difference over 0.1 s reaches 4 % of the luma range:
 * sensor noise and compression flicker stay under ~1 %, a hand or food crossing a cell gives 5–30 %.
 */
export const MOVING_CELL = 0.04;

function cellOf(x: number, y: number, width: number, height: number): number {
  const cx = Math.min(GRID_COLS - 1, Math.floor((x * GRID_COLS) / width));
  const cy = Math.min(GRID_ROWS - 1, Math.floor((y * GRID_ROWS) / height));
  return cy * GRID_COLS + cx;
}

/** Per-cell mean absolute luma difference between two Y planes, as a fraction of the luma range. */
export function gridDifference(a: Uint8Array, b: Uint8Array, width: number, height: number, range: LumaRange): Float32Array {
  const sums = new Float64Array(GRID_CELLS);
  const counts = new Float64Array(GRID_CELLS);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const c = cellOf(x, y, width, height);
      sums[c]! += Math.abs(a[row + x]! - b[row + x]!);
      counts[c]!++;
    }
  }
  const out = new Float32Array(GRID_CELLS);
  for (let c = 0; c < GRID_CELLS; c++) out[c] = counts[c]! ? Math.min(1, sums[c]! / counts[c]! / range.span) : 0;
  return out;
}

/** Per-cell RMS luma gradient (forward differences), as a fraction of the luma range. */
export function gridDetail(frame: Uint8Array, width: number, height: number, range: LumaRange): Float32Array {
  const sums = new Float64Array(GRID_CELLS);
  const counts = new Float64Array(GRID_CELLS);
  for (let y = 0; y < height - 1; y++) {
    const row = y * width;
    for (let x = 0; x < width - 1; x++) {
      const v = frame[row + x]!;
      const dx = frame[row + x + 1]! - v;
      const dy = frame[row + x + width]! - v;
      const c = cellOf(x, y, width, height);
      sums[c]! += dx * dx + dy * dy;
      counts[c]!++;
    }
  }
  const out = new Float32Array(GRID_CELLS);
  for (let c = 0; c < GRID_CELLS; c++) out[c] = counts[c]! ? Math.sqrt(sums[c]! / counts[c]!) / range.span : 0;
  return out;
}

/** The moving cells: their share, the largest 4-connected group's share, and their centre. */
export function movingRegion(diff: ArrayLike<number>): { share: number; region: number; cx: number | null; cy: number | null } {
  const moving = Array.from({ length: GRID_CELLS }, (_, c) => (diff[c] ?? 0) >= MOVING_CELL);
  let count = 0;
  let sx = 0;
  let sy = 0;
  moving.forEach((m, c) => {
    if (!m) return;
    count++;
    sx += (c % GRID_COLS) + 0.5;
    sy += Math.floor(c / GRID_COLS) + 0.5;
  });
  const seen = new Uint8Array(GRID_CELLS);
  let largest = 0;
  for (let c = 0; c < GRID_CELLS; c++) {
    if (!moving[c] || seen[c]) continue;
    let size = 0;
    const stack = [c];
    seen[c] = 1;
    while (stack.length) {
      const k = stack.pop()!;
      size++;
      const x = k % GRID_COLS;
      const y = Math.floor(k / GRID_COLS);
      const next = [x > 0 ? k - 1 : -1, x < GRID_COLS - 1 ? k + 1 : -1, y > 0 ? k - GRID_COLS : -1, y < GRID_ROWS - 1 ? k + GRID_COLS : -1];
      for (const n of next) {
        if (n >= 0 && moving[n] && !seen[n]) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    largest = Math.max(largest, size);
  }
  return {
    share: count / GRID_CELLS,
    region: largest / GRID_CELLS,
    cx: count ? sx / count / GRID_COLS : null,
    cy: count ? sy / count / GRID_ROWS : null,
  };
}

/** Per-cell mean luma, 0..1. */
export function gridMean(frame: Uint8Array, width: number, height: number, range: LumaRange): Float32Array {
  const sums = new Float64Array(GRID_CELLS);
  const counts = new Float64Array(GRID_CELLS);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const c = cellOf(x, y, width, height);
      sums[c]! += frame[row + x]!;
      counts[c]!++;
    }
  }
  const out = new Float32Array(GRID_CELLS);
  for (let c = 0; c < GRID_CELLS; c++) out[c] = counts[c]! ? Math.min(1, Math.max(0, (sums[c]! / counts[c]! - range.black) / range.span)) : 0;
  return out;
}
