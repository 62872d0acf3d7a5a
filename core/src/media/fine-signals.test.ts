import { describe, expect, it } from 'vitest';
import { buildFineTrack, nearCoveredFrames, type FineFrame } from './fine-signals';
import { GRID_CELLS, GRID_COLS, gridDetail, gridDifference, gridMean, MOVING_CELL, movingRegion } from './frame-grid';
import { PC_RANGE } from './frame-stats';

const W = 64;
const H = 48;

/** A textured scene (a checkerboard of 4 px squares) with an optional flat patch over some cells. */
function frame(patch?: { x0: number; y0: number; x1: number; y1: number; value: number }): Uint8Array {
  const f = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const inPatch = patch && x >= patch.x0 && x < patch.x1 && y >= patch.y0 && y < patch.y1;
      f[y * W + x] = inPatch ? patch.value : ((x >> 2) + (y >> 2)) % 2 ? 160 : 90;
    }
  }
  return f;
}

describe('the motion grid', () => {
  it('locates a small movement in one corner as a small region there', () => {
    const a = frame();
    const b = frame({ x0: 56, y0: 40, x1: 64, y1: 48, value: 250 }); // bottom-right cell only
    const diff = gridDifference(a, b, W, H, PC_RANGE);
    const r = movingRegion(diff);
    expect(r.share).toBeCloseTo(1 / GRID_CELLS, 5);
    expect(r.region).toBeCloseTo(1 / GRID_CELLS, 5);
    expect(r.cx).toBeGreaterThan(0.9);
    expect(r.cy).toBeGreaterThan(0.9);
  });

  it('sees a body passing the lens as one large region', () => {
    const a = frame();
    const b = frame({ x0: 0, y0: 0, x1: 48, y1: 48, value: 200 });
    const r = movingRegion(gridDifference(a, b, W, H, PC_RANGE));
    expect(r.region).toBeGreaterThanOrEqual(0.7);
  });

  it('ignores changes under the moving-cell threshold (sensor noise)', () => {
    const a = frame();
    const b = a.map((v) => v + 2);
    const diff = gridDifference(a, b, W, H, PC_RANGE);
    expect(Math.max(...diff)).toBeLessThan(MOVING_CELL);
    expect(movingRegion(diff)).toEqual({ share: 0, region: 0, cx: null, cy: null });
  });
});

function fineFrame(t: number, f: Uint8Array, motion: number | null = 0): FineFrame {
  return { t, brightness: 0.5, coveredFlat: false, detail: gridDetail(f, W, H, PC_RANGE), cellMean: gridMean(f, W, H, PC_RANGE), motion, grid: motion === null ? null : new Float32Array(GRID_CELLS) };
}

describe('near-lens cover', () => {
  it('flags a large, flat, differently lit patch (a hand at the lens), not a blur of the same scene', () => {
    const scene = frame();
    const hand = frame({ x0: 0, y0: 8, x1: 64, y1: 48, value: 210 }); // 5 of 6 rows: flat skin
    // Blur: the same brightness, little detail (a lens that lost focus).
    const blur = new Uint8Array(W * H).fill(125);
    const frames = [...Array.from({ length: 20 }, (_, i) => fineFrame(i / 10, scene)), fineFrame(2, hand), fineFrame(2.1, blur)];
    const covered = nearCoveredFrames(frames);
    expect(covered.slice(0, 20).every((c) => !c)).toBe(true);
    expect(covered[20]).toBe(true);
    expect(covered[21]).toBe(false);
  });

  it('never flags a plain wall that is always smooth', () => {
    const wall = frame({ x0: 0, y0: 0, x1: 64, y1: 40, value: 120 });
    expect(nearCoveredFrames(Array.from({ length: 10 }, (_, i) => fineFrame(i / 10, wall))).some(Boolean)).toBe(false);
  });
});

describe('the fine track', () => {
  it('has one entry per 0.25 s with the moving region, and sound where given', () => {
    const frames = Array.from({ length: 20 }, (_, i) => {
      const f = fineFrame(i / 10, frame(), 0.05);
      f.grid = new Float32Array(GRID_CELLS);
      if (i >= 10) f.grid[GRID_COLS * 5 + 7] = 0.2; // bottom-right cell moves in the second second
      return f;
    });
    const sound = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75].map((t) => ({ t, end: t + 0.25, levelDb: -30, highBandDb: -35, flatness: 0.4, flux: 0.04, popsPerSec: 8, frying: t >= 1 ? 0.9 : 0.1, kind: (t >= 1 ? 'frying' : 'other') as 'frying' | 'other' }));
    const track = buildFineTrack(frames, sound, 2, 0.25);
    expect(track).toHaveLength(8);
    expect(track.map((s) => s.t)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75]);
    expect(track[2]!.movingShare).toBe(0);
    expect(track[5]!.region).toBeCloseTo(1 / GRID_CELLS, 3);
    expect(track[5]!.cx).toBeGreaterThan(0.9);
    expect(track.map((s) => s.kind)).toEqual(['other', 'other', 'other', 'other', 'frying', 'frying', 'frying', 'frying']);
  });
});
