import type { FineSignal } from '../../domain/signals';
import type { FoundEvent } from './detect-fine-events';

/**
 * Events found on a coarse (keyframe) track, moved to the instant the 0.25 s windows decoded
 * around them show: the motion peak for a toss or the food going in, the first frying quarter for
 * the sizzle. Events with no window nearby keep their coarse time.
 */
export function refineEvents(events: FoundEvent[], windows: FineSignal[] | undefined, step = 0.25): { events: FoundEvent[]; refined: number } {
  if (!windows?.length) return { events, refined: 0 };
  let refined = 0;
  const out = events.map((e) => {
    const near = windows.filter((w) => w.t >= e.t - 1.5 && w.t <= e.t + 1.5 && !w.covered);
    if (!near.length) return e;
    if (e.type === 'flipping' || e.type === 'ingredient_added') {
      const peak = near.reduce((a, b) => (b.motion > a.motion ? b : a));
      if (peak.motion <= 0) return e;
      refined++;
      return { ...e, t: Math.round((peak.t + step / 2) * 100) / 100 };
    }
    if (e.type === 'sizzle_starts') {
      const first = near.find((w) => (w.frying ?? 0) >= 0.5);
      if (!first) return e;
      refined++;
      return { ...e, t: first.t };
    }
    return e;
  });
  return { events: out.sort((a, b) => a.t - b.t), refined };
}
