import type { CookingEvent } from '../../domain/analysis';
import type { SecondSignal } from '../../domain/signals';
import { clamp01, longestRun, mad, movingAverage, quantile, windowMean } from './signal-math';

/** The series the rules read, smoothed where single seconds are noisy, obstructed seconds masked. */
export interface SignalSeries {
  n: number;
  motion: number[];
  sizzle: number[]; // dBFS, 3-s average
  rawMotion: number[];
  visible: boolean[]; // not obstructed and not too dark
  hasAudio: boolean;
}

export function toSeries(seconds: SecondSignal[], hasAudio: boolean): SignalSeries {
  const visible = seconds.map((s) => !s.obstructed && !s.tooDark);
  // A covered lens or darkness produces fake motion when it comes and goes: do not count it.
  const rawMotion = seconds.map((s, i) => (visible[i] ? s.motion : 0));
  return {
    n: seconds.length,
    rawMotion,
    motion: movingAverage(rawMotion, 1),
    sizzle: movingAverage(seconds.map((s) => s.sizzle), 1),
    visible,
    hasAudio,
  };
}

export interface DetectedEvents {
  events: CookingEvent[];
  /** When the main ingredient went in (the biggest motion burst with the sizzle answer), if seen. */
  addTime: number | null;
  /** Sizzle rise in dB from before to after addTime. */
  addSizzleRise: number;
  /** Whether frying (by the sound's texture) was heard right after the add; undefined when not measured. */
  addFryingHeard?: boolean;
  /** The stretch where the food is actually cooking: from the add (or first sizzle) to the last strong sizzle. */
  cooking: { start: number; end: number };
  motionThreshold: number;
  sizzleHigh: number;
  sizzleFloor: number;
}

/**
 * Finds cooking events from the signals alone. The biggest visible event (ingredients hitting the
 * pan, a flip) is a motion burst far above the video's own typical motion; ingredients going in are
 * the burst that the sizzle answers.
 */
export function detectEvents(s: SignalSeries): DetectedEvents {
  const events: CookingEvent[] = [];
  const motionMedian = quantile(s.rawMotion, 0.5);
  const motionSpread = Math.max(mad(s.rawMotion), 0.004);
  const spikeThreshold = motionMedian + 6 * motionSpread;
  // "Someone is moving the food": well above the still scene's own noise floor (its 10th percentile),
  // not above the median, which a video full of stirring would push up.
  const stillFloor = quantile(s.rawMotion, 0.1);
  const motionThreshold = Math.max(stillFloor * 3, stillFloor + 0.01);
  const sizzleFloor = quantile(s.sizzle, 0.1);
  const sizzleHigh = quantile(s.sizzle, 0.75);

  // Motion bursts: local maxima over the spike threshold, at least 4 s apart.
  const bursts: Array<{ t: number; z: number }> = [];
  for (let t = 0; t < s.n; t++) {
    const m = s.rawMotion[t] as number;
    if (!s.visible[t] || m < spikeThreshold) continue;
    if (m < (s.rawMotion[t - 1] ?? 0) || m < (s.rawMotion[t + 1] ?? 0)) continue;
    const z = (m - motionMedian) / motionSpread;
    const near = bursts.find((b) => Math.abs(b.t - t) < 4);
    if (near) {
      if (z > near.z) Object.assign(near, { t, z });
    } else bursts.push({ t, z });
  }

  const rise = (t: number) => windowMean(s.sizzle, t + 1, t + 5) - windowMean(s.sizzle, t - 6, t - 1);
  // The add: the burst with the strongest sizzle answer (ties → the bigger burst); without audio, the biggest burst.
  let addTime: number | null = null;
  let addSizzleRise = 0;
  if (bursts.length) {
    const ranked = [...bursts].sort((a, b) => (s.hasAudio ? rise(b.t) - rise(a.t) || b.z - a.z : b.z - a.z));
    const best = ranked[0] as { t: number; z: number };
    // If no burst gets a sizzle answer, the add is the first big burst (the pan was quiet anyway).
    const answered = s.hasAudio && rise(best.t) >= 3;
    const chosen = answered ? best : ([...bursts].sort((a, b) => a.t - b.t).find((b) => b.z >= 8) ?? best);
    addTime = chosen.t;
    addSizzleRise = s.hasAudio ? rise(chosen.t) : 0;
    events.push({ t: chosen.t, type: 'ingredient_added', confidence: clamp01(0.5 + chosen.z / 40 + (answered ? 0.2 : 0)) });
  }

  // Flips: other short, sharp bursts after the add whose motion settles again within a few seconds.
  for (const b of bursts) {
    if (b.t === addTime || (addTime !== null && b.t < addTime)) continue;
    const after = windowMean(s.rawMotion, b.t + 2, b.t + 5);
    if (after < (s.rawMotion[b.t] as number) * 0.6) {
      events.push({ t: b.t, type: 'flipping', confidence: clamp01(0.4 + b.z / 30) });
    }
  }

  // Sizzle start: first second the sizzle sits 8 dB over the floor for 3 s.
  let sizzleStart: number | null = null;
  if (s.hasAudio) {
    for (let t = 0; t + 3 <= s.n; t++) {
      if ([0, 1, 2].every((k) => (s.sizzle[t + k] as number) >= sizzleFloor + 8)) {
        sizzleStart = t;
        events.push({ t, type: 'sizzle_starts', confidence: clamp01(0.5 + ((s.sizzle[t] as number) - sizzleFloor) / 30) });
        break;
      }
    }
    // Oil heating: the quiet stretch before anything went in, when the hiss creeps up a little.
    const firstAction = Math.min(addTime ?? s.n, sizzleStart ?? s.n);
    if (firstAction >= 8) {
      const creep = windowMean(s.sizzle, firstAction - 4, firstAction) - windowMean(s.sizzle, 0, 4);
      if (creep > 1.5) events.push({ t: 0, type: 'oil_heating', confidence: clamp01(0.4 + creep / 10) });
    }
  }

  // The cooking stretch: from the add (or sizzle start) to the last second the sizzle is still well up.
  const start = addTime ?? sizzleStart ?? 0;
  let end = s.n - 1;
  if (s.hasAudio) {
    const hot = sizzleFloor + Math.max(6, (sizzleHigh - sizzleFloor) * 0.5);
    while (end > start && (s.sizzle[end] as number) < hot) end--;
    if (end - start < 5) end = s.n - 1;
  }

  // Stirring: runs of sustained motion inside the cooking stretch (one event per run of ≥ 4 s).
  for (let t = start + 1; t <= end; t++) {
    if ((s.motion[t] as number) >= motionThreshold && (s.motion[t - 1] as number) < motionThreshold) {
      const [, len] = longestRun(Math.min(s.n, end + 1) - t, (i) => (s.motion[t + i] as number) >= motionThreshold);
      if (len >= 4) events.push({ t, type: 'stirring', confidence: clamp01(0.4 + len / 40) });
    }
  }

  // Heat changes: the sizzle steps by ≥ 8 dB and stays there for 5 s.
  if (s.hasAudio) {
    let last = -10;
    for (let t = start + 5; t + 5 < end; t++) {
      const step = windowMean(s.sizzle, t, t + 5) - windowMean(s.sizzle, t - 5, t);
      if (Math.abs(step) >= 8 && t - last > 10) {
        events.push({ t, type: 'heat_change', confidence: clamp01(Math.abs(step) / 20) });
        last = t;
      }
    }
  }

  // Browning: a long still stretch while it fries (searing): the food is left to colour.
  if (s.hasAudio) {
    const [bStart, bLen] = longestRun(end - start + 1, (i) => {
      const t = start + i;
      return (s.motion[t] as number) < motionThreshold && (s.sizzle[t] as number) >= sizzleHigh - 3;
    });
    if (bLen >= 15) events.push({ t: start + bStart + Math.floor(bLen / 2), type: 'browning', confidence: clamp01(bLen / 60) });
  }

  // Plating: after the heat is off (sizzle down), a last burst of handling near the end.
  const lastBurst = [...bursts].sort((a, b) => b.t - a.t)[0];
  if (lastBurst && lastBurst.t > end && lastBurst.t >= s.n * 0.8) {
    events.push({ t: lastBurst.t, type: 'plating', confidence: 0.5 });
  }

  events.sort((a, b) => a.t - b.t);
  return { events, addTime, addSizzleRise, cooking: { start, end }, motionThreshold, sizzleHigh, sizzleFloor };
}
