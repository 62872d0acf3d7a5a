import type { VideoSignals } from '../../domain/signals';
import { estimateHeat, FRYING_HEARD, type SoundWindow } from '../../media/sound-texture';
import type { FineTrack } from './fine-track';
import type { PanActivity } from './pan-activity';

/** Frying counts as heard in a second when its texture probability reaches this. */
export { FRYING_HEARD };
/** Frying must be heard this many seconds in a row to count as a sign of heat (one crackle is not a cook). */
const FRYING_RUN_SEC = 2;

export interface HeatAndStretch {
  /** Per second 0..1 (null without a usable sound track). */
  frying: number[] | null;
  /** Seconds with frying heard. */
  fryingSec: number;
  /** Heat 0..1 per second from the sizzle (empty without sound). */
  heat: Array<{ t: number; heat: number }>;
  /** First to last sign of heat and food; null when neither is seen or heard. */
  stretch: { start: number; end: number; startSeen: boolean; stopSeen: boolean } | null;
}

/** Per-second frying probability: the ingest's 1 s texture windows, else the fine track's mean. */
export function fryingPerSecond(signals: VideoSignals, track: FineTrack): number[] | null {
  if (!signals.hasAudio) return null;
  if (signals.frying && signals.frying.length) return signals.frying;
  const n = Math.max(1, Math.ceil(track.durationSec - 1e-6));
  const sums = new Array<number>(n).fill(0);
  const counts = new Array<number>(n).fill(0);
  for (const f of track.fine) {
    if (f.frying === null) continue;
    const t = Math.min(n - 1, Math.floor(f.t + 1e-6));
    sums[t]! += f.frying;
    counts[t]!++;
  }
  if (counts.every((c) => c === 0)) return null;
  return sums.map((s, i) => (counts[i] ? s / counts[i]! : 0));
}

export function heatAndStretch(signals: VideoSignals, track: FineTrack, pan: PanActivity): HeatAndStretch {
  const frying = fryingPerSecond(signals, track);
  const n = Math.max(1, Math.ceil(track.durationSec - 1e-6));
  const heard = frying ? frying.map((p) => p >= FRYING_HEARD) : [];
  // Runs of frying of at least FRYING_RUN_SEC.
  const runs: Array<{ start: number; end: number }> = [];
  for (let t = 0; t < heard.length; t++) {
    if (!heard[t]) continue;
    let e = t;
    while (e + 1 < heard.length && heard[e + 1]) e++;
    if (e - t + 1 >= FRYING_RUN_SEC) runs.push({ start: t, end: e + 1 });
    t = e;
  }
  const fryingSec = heard.filter(Boolean).length;

  // Heat: the sound texture windows (the fine track's sound) through estimateHeat, then per second.
  const heat: Array<{ t: number; heat: number }> = [];
  if (frying && track.fine.some((f) => f.frying !== null)) {
    const windows: SoundWindow[] = track.fine.map((f) => ({
      t: f.t,
      end: f.t + track.step,
      levelDb: f.level ?? -90,
      highBandDb: f.highBand ?? -90,
      flatness: 0,
      flux: 0,
      popsPerSec: 0,
      frying: f.frying ?? 0,
      kind: f.kind ?? 'other',
    }));
    const fineHeat = estimateHeat(windows);
    for (let t = 0; t < n; t++) {
      const inSec = fineHeat.filter((h) => h.t >= t - 1e-6 && h.t < t + 1 - 1e-6);
      // A second heard as frying by its 1 s texture keeps its heat; one that is not, has none.
      const base = inSec.length ? inSec.reduce((a, h) => a + h.heat, 0) / inSec.length : 0;
      heat.push({ t, heat: Math.round(Math.min(1, base * (0.5 + 0.5 * Math.min(1, (frying[t] ?? 0) / FRYING_HEARD))) * 1000) / 1000 });
    }
  }

  let stretch: HeatAndStretch['stretch'] = null;
  if (runs.length) {
    let start = runs[0]!.start;
    const end = runs.at(-1)!.end;
    // Food going in just before the sizzle answers belongs to the cook.
    const lead = pan.bouts.find((b) => b.end >= start - 3 && b.start < start);
    if (lead) start = Math.max(0, Math.floor(lead.start));
    stretch = { start, end: Math.min(n, end), startSeen: start >= 1 && !heard.slice(0, start).some(Boolean), stopSeen: end <= track.durationSec - 2 };
  } else if (pan.bouts.length) {
    // No sizzle to hear: the first to the last time the pan is worked. Heat itself is not seen,
    // so neither end of the cook is known.
    stretch = { start: Math.floor(pan.bouts[0]!.start), end: Math.min(n, Math.ceil(pan.bouts.at(-1)!.end)), startSeen: false, stopSeen: false };
  }
  return { frying, fryingSec, heat, stretch };
}
