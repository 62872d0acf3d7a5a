import { FINE_STEP_SEC, type FineSignal } from '../domain/signals';
import { buildFineTrack, type FineFrame } from './fine-signals';
import type { SoundWindow } from './sound-texture';

/**
 * Keyframes mode samples motion once a keyframe interval; events (a toss lasts half a second)
 * need 0.25 s. So the coarse track picks candidates, and only a few seconds around each are
 * decoded in full: the strongest motion peaks (at least REFINE.gapSec apart) and the first second
 * of frying, up to REFINE.maxWindows windows of REFINE.halfSec either side.
 */
export const REFINE = { maxWindows: 8, halfSec: 2, gapSec: 6 } as const;

interface DecodedFrame {
  t: number;
  stats: { brightness: number };
  covered: boolean;
  diffs: number[];
  gridDiffs: Float32Array[];
  detail: Float32Array;
  cellMean: Float32Array;
}

export async function refineAroundCandidates(
  coarse: FineSignal[],
  sound: SoundWindow[] | null,
  decode: (segment: { start: number; duration: number }) => Promise<DecodedFrame[]>,
  durationSec: number,
): Promise<FineSignal[]> {
  const candidates: number[] = [];
  const byMotion = coarse.filter((f) => !f.covered && f.motion > 0).sort((a, b) => b.motion - a.motion);
  const firstFrying = coarse.find((f) => (f.frying ?? 0) >= 0.5);
  if (firstFrying) candidates.push(firstFrying.t);
  for (const f of byMotion) {
    if (candidates.length >= REFINE.maxWindows) break;
    if (candidates.every((c) => Math.abs(c - f.t) >= REFINE.gapSec)) candidates.push(f.t);
  }
  const out: FineSignal[] = [];
  for (const c of candidates.sort((a, b) => a - b)) {
    const start = Math.max(0, Math.floor((c - REFINE.halfSec) / FINE_STEP_SEC) * FINE_STEP_SEC);
    const end = Math.min(durationSec, c + REFINE.halfSec + 1);
    if (end - start < 1) continue;
    const frames = await decode({ start, duration: end - start });
    const fineFrames: FineFrame[] = frames.map((f, i) => ({
      t: f.t - start,
      brightness: f.stats.brightness,
      coveredFlat: f.covered,
      detail: f.detail,
      cellMean: f.cellMean,
      motion: i > 0 && f.diffs[0] !== undefined && !f.covered && !frames[i - 1]!.covered ? f.diffs[0] : null,
      grid: i > 0 && f.gridDiffs[0] ? f.gridDiffs[0] : null,
    }));
    const shifted = sound?.map((w) => ({ ...w, t: w.t - start, end: w.end - start })).filter((w) => w.end > 0 && w.t < end - start) ?? null;
    for (const s of buildFineTrack(fineFrames, shifted, end - start, FINE_STEP_SEC)) {
      const t = Math.round((s.t + start) * 1000) / 1000;
      if (!out.some((o) => Math.abs(o.t - t) < 1e-6)) out.push({ ...s, t });
    }
  }
  return out.sort((a, b) => a.t - b.t);
}
