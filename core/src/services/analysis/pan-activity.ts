import type { FineSignal } from '../../domain/signals';
import { visibleAt, type FineTrack } from './fine-track';

/**
 * "Someone is working the pan": motion confined to a small part of the picture, at the place
 * where such motion keeps happening (the pan stays where it is; a cook's hands return to it).
 * - A body passing the lens or a moving camera changes most of the picture at once: a moving
 *   region over PAN_ACTIVITY.maxRegion of the frame is not pan work.
 * - The work spot is the point with the most localized motion within PAN_ACTIVITY.spotRadius
 *   (a fraction of the frame) around it; motion elsewhere (walking across the room) is not pan work.
 * - Bouts: pan-work steps joined across gaps up to maxGapSec, kept when at least minBoutSec long.
 */
export const PAN_ACTIVITY = { maxRegion: 0.5, spotRadius: 0.18, maxGapSec: 0.5, minBoutSec: 0.75 } as const;

export interface Bout {
  start: number;
  end: number;
  /** Mean and peak motion inside the bout. */
  meanMotion: number;
  peakMotion: number;
  peakAt: number;
}

export interface PanActivity {
  /** Centre of the work spot (0..1 across/down), null when the place is unknown (no grid) or nothing moved. */
  spot: { x: number; y: number } | null;
  /** Per fine step: pan work seen. */
  active: boolean[];
  bouts: Bout[];
  /** Seconds of pan work in total. */
  activeSec: number;
  /** Seconds where the whole picture moved (a body at the lens, the camera moving). */
  largeMotionSec: number;
}

function localized(f: FineSignal): boolean {
  return visibleAt(f) && f.movingShare > 0 && f.region <= PAN_ACTIVITY.maxRegion && f.movingShare <= PAN_ACTIVITY.maxRegion * 1.5;
}

export function findPanActivity(track: FineTrack): PanActivity {
  const { fine, step } = track;
  const local = fine.map(localized);
  const points = fine.filter((f, i) => local[i] && f.cx !== null && f.cy !== null).map((f) => ({ x: f.cx!, y: f.cy! }));
  let spot: { x: number; y: number } | null = null;
  if (points.length) {
    let bestCount = -1;
    for (let gx = 0; gx <= 16; gx++) {
      for (let gy = 0; gy <= 12; gy++) {
        const x = gx / 16;
        const y = gy / 12;
        const count = points.filter((p) => Math.hypot(p.x - x, p.y - y) <= PAN_ACTIVITY.spotRadius).length;
        if (count > bestCount) {
          bestCount = count;
          spot = { x, y };
        }
      }
    }
  }
  const atSpot = fine.map((f, i) => {
    if (!local[i]) return false;
    if (!spot || f.cx === null || f.cy === null) return true;
    return Math.hypot(f.cx - spot.x, f.cy - spot.y) <= PAN_ACTIVITY.spotRadius;
  });

  const bouts: Bout[] = [];
  let open: { start: number; last: number } | null = null;
  const close = () => {
    if (!open) return;
    const start = fine[open.start]!.t;
    const end = fine[open.last]!.t + step;
    if (end - start >= PAN_ACTIVITY.minBoutSec - 1e-6) {
      let sum = 0;
      let n = 0;
      let peak = 0;
      let peakAt = start;
      for (let i = open.start; i <= open.last; i++) {
        const m = fine[i]!.motion;
        sum += m;
        n++;
        if (m > peak) {
          peak = m;
          peakAt = fine[i]!.t + step / 2;
        }
      }
      bouts.push({ start, end, meanMotion: sum / n, peakMotion: peak, peakAt });
    }
    open = null;
  };
  const gapSteps = Math.max(1, Math.round(PAN_ACTIVITY.maxGapSec / step));
  atSpot.forEach((on, i) => {
    if (!on) return;
    if (open && i - open.last <= gapSteps + 0) open.last = i;
    else {
      close();
      open = { start: i, last: i };
    }
  });
  close();
  const active = fine.map((f) => bouts.some((b) => f.t >= b.start - 1e-6 && f.t < b.end - 1e-6));
  return {
    spot,
    active,
    bouts,
    activeSec: bouts.reduce((a, b) => a + (b.end - b.start), 0),
    largeMotionSec: fine.filter((f) => visibleAt(f) && f.region > PAN_ACTIVITY.maxRegion).length * step,
  };
}
