import { describe, expect, it } from 'vitest';
import { GRID_CELLS, GRID_COLS, GRID_ROWS, gridDetail, gridDifference, gridDifferenceWithTotal, gridMean } from './frame-grid';
import { lumaDifference, PC_RANGE, TV_RANGE, type LumaRange } from './frame-stats';

// The plain per-pixel definitions (each pixel looks up its cell): the fast run-wise sums must give the same numbers.
function cellOf(x: number, y: number, width: number, height: number): number {
  return Math.min(GRID_ROWS - 1, Math.floor((y * GRID_ROWS) / height)) * GRID_COLS + Math.min(GRID_COLS - 1, Math.floor((x * GRID_COLS) / width));
}
function reference(width: number, height: number, trim: number, value: (i: number) => number, finish: (mean: number) => number): Float32Array {
  const sums = new Float64Array(GRID_CELLS);
  const counts = new Float64Array(GRID_CELLS);
  for (let y = 0; y < height - trim; y++)
    for (let x = 0; x < width - trim; x++) {
      sums[cellOf(x, y, width, height)]! += value(y * width + x);
      counts[cellOf(x, y, width, height)]!++;
    }
  return Float32Array.from(sums, (s, c) => (counts[c] ? finish(s / counts[c]!) : 0));
}

function randomFrame(n: number, seed: number): Uint8Array {
  let s = seed;
  return Uint8Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return 16 + (s % 220);
  });
}

describe('frame grid', () => {
  const sizes: Array<[number, number]> = [
    [320, 180],
    [321, 179],
    [180, 320],
    [7, 5],
  ];
  const ranges: LumaRange[] = [TV_RANGE, PC_RANGE];
  for (const [w, h] of sizes)
    for (const range of ranges)
      it(`matches the per-pixel definitions at ${w}×${h}, luma black ${range.black}`, () => {
        const a = randomFrame(w * h, w);
        const b = randomFrame(w * h, h + 7);
        const diff = reference(w, h, 0, (i) => Math.abs(a[i]! - b[i]!), (m) => Math.min(1, m / range.span));
        expect(gridDifference(a, b, w, h, range)).toEqual(diff);
        const both = gridDifferenceWithTotal(a, b, w, h, range);
        expect(both.cells).toEqual(diff);
        expect(both.total).toBe(lumaDifference(a, b, w * h, range));
        const mean = reference(w, h, 0, (i) => a[i]!, (m) => Math.min(1, Math.max(0, (m - range.black) / range.span)));
        expect(gridMean(a, w, h, range)).toEqual(mean);
        const grad = (i: number) => (a[i + 1]! - a[i]!) ** 2 + (a[i + w]! - a[i]!) ** 2;
        expect(gridDetail(a, w, h, range)).toEqual(reference(w, h, 1, grad, (m) => Math.sqrt(m) / range.span));
      });
});
