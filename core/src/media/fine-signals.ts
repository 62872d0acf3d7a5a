import type { FineSignal } from '../domain/signals';
import { GRID_CELLS, movingRegion } from './frame-grid';
import type { SoundWindow } from './sound-texture';

/** One analysis frame as the fine track needs it. */
export interface FineFrame {
  t: number;
  brightness: number;
  /** The whole-frame covered test (black or flat; frame-stats.ts). */
  coveredFlat: boolean;
  /** Per-cell RMS gradient and mean luma (frame-grid.ts). */
  detail: Float32Array;
  cellMean: Float32Array;
  /** Mean luma difference and per-cell difference to the frame ~0.1 s before, when both show the scene. */
  motion: number | null;
  grid: Float32Array | null;
}

/**
 * Something right in front of the lens (a hand, a body passing) is out of focus and fills much of
 * the frame: many cells lose most of the detail they usually have, and take the object's own
 * brightness. A cell counts as "lost" when its detail falls under NEAR.cellDetailRatio × its own
 * median over the video (so a plain wall, always smooth, never counts), under NEAR.cellDetailMax
 * in absolute terms, and its mean luma moved at least NEAR.cellLumaShift from its median (a lens
 * that lost focus or fogged keeps the scene's brightness: that is blur, not a cover); the frame
 * counts as covered when at least NEAR.frameShare of its cells are lost.
 */
export const NEAR = { cellDetailRatio: 0.4, cellDetailMax: 0.03, cellLumaShift: 0.08, frameShare: 0.5 } as const;
/** Mean luma under this: too dark to judge colour (as SIGNAL_THRESHOLDS.tooDarkBrightness). */
const TOO_DARK = 0.12;

export function nearCoveredFrames(frames: FineFrame[]): boolean[] {
  if (frames.length === 0) return [];
  const medians = new Float32Array(GRID_CELLS);
  const lumaMedians = new Float32Array(GRID_CELLS);
  for (let c = 0; c < GRID_CELLS; c++) {
    const v = frames.map((f) => f.detail[c] ?? 0).sort((a, b) => a - b);
    medians[c] = v[Math.floor(v.length / 2)] ?? 0;
    const l = frames.map((f) => f.cellMean[c] ?? 0).sort((a, b) => a - b);
    lumaMedians[c] = l[Math.floor(l.length / 2)] ?? 0;
  }
  return frames.map((f) => {
    if (f.coveredFlat) return true;
    let lost = 0;
    for (let c = 0; c < GRID_CELLS; c++) {
      const d = f.detail[c] ?? 0;
      const shifted = Math.abs((f.cellMean[c] ?? 0) - lumaMedians[c]!) >= NEAR.cellLumaShift;
      if (d < NEAR.cellDetailMax && d < medians[c]! * NEAR.cellDetailRatio && shifted) lost++;
    }
    return lost / GRID_CELLS >= NEAR.frameShare;
  });
}

/** The fine track: frames and sound windows grouped into steps of `stepSec`. */
export function buildFineTrack(frames: FineFrame[], sound: SoundWindow[] | null, durationSec: number, stepSec: number): FineSignal[] {
  const steps = Math.max(1, Math.ceil(durationSec / stepSec - 1e-6));
  const covered = nearCoveredFrames(frames);
  const groups: number[][] = Array.from({ length: steps }, () => []);
  frames.forEach((f, i) => groups[Math.min(steps - 1, Math.floor(f.t / stepSec + 1e-6))]!.push(i));
  const out: FineSignal[] = [];
  let lastPicture: { brightness: number; covered: boolean } = { brightness: 0, covered: false };
  for (let k = 0; k < steps; k++) {
    const idx = groups[k]!;
    const t = round3(k * stepSec);
    let motion = 0;
    let motionN = 0;
    const grid = new Float32Array(GRID_CELLS);
    let gridN = 0;
    let brightness = 0;
    let coveredN = 0;
    for (const i of idx) {
      const f = frames[i]!;
      brightness += f.brightness;
      if (covered[i]) coveredN++;
      if (f.motion !== null && !covered[i] && !(i > 0 && covered[i - 1])) {
        motion += f.motion;
        motionN++;
        if (f.grid) {
          for (let c = 0; c < GRID_CELLS; c++) grid[c] = Math.max(grid[c]!, f.grid[c]!);
          gridN++;
        }
      }
    }
    const picture = idx.length ? { brightness: brightness / idx.length, covered: coveredN / idx.length >= 0.5 } : lastPicture;
    lastPicture = picture;
    const region = gridN ? movingRegion(grid) : { share: 0, region: 0, cx: null, cy: null };
    const w = sound ? soundAt(sound, t, t + stepSec) : null;
    out.push({
      t,
      motion: round4(motionN ? motion / motionN : 0),
      movingShare: round3(region.share),
      region: round3(region.region),
      cx: region.cx === null ? null : round3(region.cx),
      cy: region.cy === null ? null : round3(region.cy),
      covered: picture.covered,
      brightness: round4(picture.brightness),
      tooDark: picture.brightness < TOO_DARK,
      level: w ? w.levelDb : null,
      highBand: w ? w.highBandDb : null,
      frying: w ? w.frying : null,
      kind: w ? w.kind : null,
    });
  }
  return out;
}

/** The sound window overlapping [start, end) the most. */
function soundAt(windows: SoundWindow[], start: number, end: number): SoundWindow | null {
  let best: SoundWindow | null = null;
  let bestOverlap = 0;
  // Windows are in time order and regular: jump close to the start.
  const step = Math.max(1e-3, (windows[0]?.end ?? 1) - (windows[0]?.t ?? 0));
  const from = Math.max(0, Math.floor(start / step) - 1);
  for (let i = from; i < Math.min(windows.length, from + 4); i++) {
    const w = windows[i]!;
    const o = Math.min(end, w.end) - Math.max(start, w.t);
    if (o > bestOverlap) {
      best = w;
      bestOverlap = o;
    }
  }
  return best;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
function round4(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}
