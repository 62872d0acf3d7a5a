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

/**
 * The grid's split of a frame: cell column cx covers x in [cols[cx], cols[cx + 1]) and cell row cy
 * covers y in [rows[cy], rows[cy + 1]), the same split as floor(x · GRID_COLS / width). Summing a
 * cell's run of pixels in a tight loop, instead of looking up each pixel's cell, is what lets the
 * ingest keep up with the decoder (these loops run over every analysed frame).
 */
interface GridSplit {
  cols: Int32Array;
  rows: Int32Array;
}

const splits = new Map<string, GridSplit>();

function gridSplit(width: number, height: number): GridSplit {
  const key = `${width}x${height}`;
  let split = splits.get(key);
  if (!split) {
    const bounds = (n: number, size: number) => Int32Array.from({ length: n + 1 }, (_, i) => Math.ceil((i * size) / n));
    split = { cols: bounds(GRID_COLS, width), rows: bounds(GRID_ROWS, height) };
    splits.set(key, split);
  }
  return split;
}

/** Per-cell sums of f(row offset, x) over [0, width − trimX) × [0, height − trimY), and each cell's pixel count. */
function sumCells(
  width: number,
  height: number,
  trim: number,
  sumRun: (row: number, x0: number, x1: number) => number,
): { sums: Float64Array; counts: Float64Array } {
  const { cols, rows } = gridSplit(width, height);
  const sums = new Float64Array(GRID_CELLS);
  const counts = new Float64Array(GRID_CELLS);
  for (let cy = 0; cy < GRID_ROWS; cy++) {
    const y1 = Math.min(rows[cy + 1]!, height - trim);
    for (let y = rows[cy]!; y < y1; y++) {
      const row = y * width;
      for (let cx = 0; cx < GRID_COLS; cx++) {
        const x1 = Math.min(cols[cx + 1]!, width - trim);
        const x0 = cols[cx]!;
        if (x1 <= x0) continue;
        sums[cy * GRID_COLS + cx]! += sumRun(row, x0, x1);
        counts[cy * GRID_COLS + cx]! += x1 - x0;
      }
    }
  }
  return { sums, counts };
}

/** The per-cell motion and, from the same sums, the whole frame's (exactly lumaDifference's value). */
export function gridDifferenceWithTotal(a: Uint8Array, b: Uint8Array, width: number, height: number, range: LumaRange): { cells: Float32Array; total: number } {
  const { sums, counts } = sumCells(width, height, 0, (row, x0, x1) => {
    let s = 0;
    for (let i = row + x0, end = row + x1; i < end; i++) s += Math.abs(a[i]! - b[i]!);
    return s;
  });
  const cells = new Float32Array(GRID_CELLS);
  let total = 0;
  for (let c = 0; c < GRID_CELLS; c++) {
    total += sums[c]!;
    cells[c] = counts[c]! ? Math.min(1, sums[c]! / counts[c]! / range.span) : 0;
  }
  const mean = total / (width * height) / range.span;
  return { cells, total: mean < 0 ? 0 : mean > 1 ? 1 : mean };
}

/** Per-cell mean absolute luma difference between two Y planes, as a fraction of the luma range. */
export function gridDifference(a: Uint8Array, b: Uint8Array, width: number, height: number, range: LumaRange): Float32Array {
  return gridDifferenceWithTotal(a, b, width, height, range).cells;
}

/** Per-cell RMS luma gradient (forward differences), as a fraction of the luma range. */
export function gridDetail(frame: Uint8Array, width: number, height: number, range: LumaRange): Float32Array {
  const { sums, counts } = sumCells(width, height, 1, (row, x0, x1) => {
    let s = 0;
    for (let i = row + x0, end = row + x1; i < end; i++) {
      const v = frame[i]!;
      const dx = frame[i + 1]! - v;
      const dy = frame[i + width]! - v;
      s += dx * dx + dy * dy;
    }
    return s;
  });
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
  const { sums, counts } = sumCells(width, height, 0, (row, x0, x1) => {
    let s = 0;
    for (let i = row + x0, end = row + x1; i < end; i++) s += frame[i]!;
    return s;
  });
  const out = new Float32Array(GRID_CELLS);
  for (let c = 0; c < GRID_CELLS; c++) out[c] = counts[c]! ? Math.min(1, Math.max(0, (sums[c]! / counts[c]! - range.black) / range.span)) : 0;
  return out;
}
