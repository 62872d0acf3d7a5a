import { SILENCE_DB, type SecondSignal, type VideoSignals } from '../domain/signals';
import { FRYING_HEARD } from './sound-texture';

/** One window of the summary. Levels in dB are energy means (the mean of the power, not of the dB). */
export interface SignalsWindow {
  start: number;
  end: number;
  motionMean: number;
  motionMax: number;
  sizzleDb: number;
  sizzleMaxDb: number;
  loudnessDb: number;
  brightness: number;
  saturation: number;
  /** Seconds in the window with each flag. */
  obstructedSec: number;
  tooDarkSec: number;
  blurrySec: number;
  /** Mean frying probability (0..1, by the sound's texture) and seconds heard as frying; null without it. */
  fryingMean: number | null;
  fryingSec: number;
}

export interface TimeRange {
  start: number;
  end: number;
}

export interface SignalsSummary {
  durationSec: number;
  hasAudio: boolean;
  windowSec: number;
  baseline: { motionMedian: number; sizzleMedianDb: number; loudnessMedianDb: number };
  windows: SignalsWindow[];
  /** Up to 5 strongest motion seconds, at least 3 s apart, strongest first. */
  motionPeaks: Array<{ t: number; motion: number }>;
  /** Largest rise and fall of the sizzle (mean of the 3 s after t vs the 5 s before t). */
  sizzleRise: { t: number; db: number } | null;
  sizzleFall: { t: number; db: number } | null;
  obstructed: TimeRange[];
  tooDark: TimeRange[];
  blurry: TimeRange[];
  /** Seconds heard as frying (texture probability ≥ FRYING_HEARD): runs, total, and how sure; null without a texture track. */
  frying: { heard: TimeRange[]; heardSec: number } | null;
  /** The same, as compact text for an AI prompt (one line per window). */
  text: string;
}

export interface SummarizeOptions {
  /** Seconds per window; default 5 s up to 2 minutes, 10 s up to 10 minutes, then ≤ 60 windows. */
  windowSec?: number;
}

/**
 * A compact summary of per-second signals, sized for a prompt: one line per 5–10 s window with
 * motion, sizzle, loudness, brightness and flags, then the notable moments.
 */
export function summarizeSignals(signals: VideoSignals, options: SummarizeOptions = {}): SignalsSummary {
  const secs = signals.seconds;
  const duration = signals.durationSec;
  const windowSec = options.windowSec ?? (duration <= 120 ? 5 : duration <= 600 ? 10 : Math.ceil(duration / 60));
  // Frying by the sound's texture (crackle), not its level: a tap or a fan can be loud in the sizzle band.
  const frying = signals.hasAudio && signals.frying?.length ? signals.frying : null;
  const windows: SignalsWindow[] = [];
  for (let start = 0; start < secs.length; start += windowSec) {
    const w = secs.slice(start, start + windowSec);
    windows.push({
      start,
      end: Math.min(start + windowSec, round(duration, 1)),
      motionMean: round(mean(w.map((s) => s.motion)), 4),
      motionMax: round(Math.max(...w.map((s) => s.motion)), 4),
      sizzleDb: energyMeanDb(w.map((s) => s.sizzle)),
      sizzleMaxDb: Math.max(...w.map((s) => s.sizzle)),
      loudnessDb: energyMeanDb(w.map((s) => s.loudness)),
      brightness: round(mean(w.map((s) => s.brightness)), 2),
      saturation: round(mean(w.map((s) => s.saturation)), 2),
      obstructedSec: w.filter((s) => s.obstructed).length,
      tooDarkSec: w.filter((s) => s.tooDark).length,
      blurrySec: w.filter((s) => s.blurry).length,
      fryingMean: frying ? round(mean(frying.slice(start, start + windowSec)), 2) : null,
      fryingSec: frying ? frying.slice(start, start + windowSec).filter((p) => p >= FRYING_HEARD).length : 0,
    });
  }
  const usable = secs.filter((s) => !s.obstructed);
  const summary: Omit<SignalsSummary, 'text'> = {
    durationSec: duration,
    hasAudio: signals.hasAudio,
    windowSec,
    baseline: {
      motionMedian: round(median(usable.map((s) => s.motion)), 4),
      sizzleMedianDb: round(median(secs.map((s) => s.sizzle)), 1),
      loudnessMedianDb: round(median(secs.map((s) => s.loudness)), 1),
    },
    windows,
    motionPeaks: motionPeaks(usable),
    sizzleRise: signals.hasAudio ? sizzleChange(secs, 1) : null,
    sizzleFall: signals.hasAudio ? sizzleChange(secs, -1) : null,
    obstructed: ranges(secs, (s) => s.obstructed),
    tooDark: ranges(secs, (s) => s.tooDark),
    blurry: ranges(secs, (s) => s.blurry),
    frying: frying ? { heard: ranges(secs, (s) => (frying[s.t] ?? 0) >= FRYING_HEARD), heardSec: frying.filter((p) => p >= FRYING_HEARD).length } : null,
  };
  return { ...summary, text: toText(summary) };
}

function toText(s: Omit<SignalsSummary, 'text'>): string {
  const lines = [
    `video ${s.durationSec.toFixed(0)} s, audio ${s.hasAudio ? 'yes' : 'no'}, per ${s.windowSec} s window`,
    `baseline: motion median ${s.baseline.motionMedian}${s.hasAudio ? `, sizzle median ${s.baseline.sizzleMedianDb} dB, loudness median ${s.baseline.loudnessMedianDb} dB` : ''}`,
    `window | motion mean/max | ${s.hasAudio ? `sizzle dB mean/max | loud dB | ${s.frying ? 'frying p mean/s heard | ' : ''}` : ''}bright | flags`,
  ];
  if (s.frying) lines.splice(2, 0, 'frying p: 0-1, how sure the sound is frying by its texture (crackle and pops), not by level: running water, boiling, speech and fans read near 0');
  for (const w of s.windows) {
    const flags = [
      w.obstructedSec ? `covered ${w.obstructedSec}s` : '',
      w.tooDarkSec ? `dark ${w.tooDarkSec}s` : '',
      w.blurrySec ? `blurry ${w.blurrySec}s` : '',
    ].filter(Boolean);
    lines.push(
      [
        `${w.start}-${w.end}s`,
        `${w.motionMean.toFixed(3)}/${w.motionMax.toFixed(3)}`,
        ...(s.hasAudio ? [`${w.sizzleDb.toFixed(0)}/${w.sizzleMaxDb.toFixed(0)}`, w.loudnessDb.toFixed(0)] : []),
        ...(s.hasAudio && s.frying ? [`${(w.fryingMean ?? 0).toFixed(2)}/${w.fryingSec}`] : []),
        w.brightness.toFixed(2),
        flags.join(', ') || '-',
      ].join(' | '),
    );
  }
  if (s.motionPeaks.length) lines.push(`motion peaks: ${s.motionPeaks.map((p) => `${p.t}s (${p.motion.toFixed(3)})`).join(', ')}`);
  if (s.sizzleRise) lines.push(`largest sizzle rise: +${s.sizzleRise.db} dB at ${s.sizzleRise.t}s`);
  if (s.sizzleFall) lines.push(`largest sizzle fall: ${s.sizzleFall.db} dB at ${s.sizzleFall.t}s`);
  if (s.frying) lines.push(s.frying.heardSec ? `frying heard (${s.frying.heardSec} s): ${s.frying.heard.map((x) => `${x.start}-${x.end}s`).join(', ')}` : 'frying heard: never (no crackle at any second)');
  const spans = (label: string, r: TimeRange[]) => (r.length ? `${label}: ${r.map((x) => `${x.start}-${x.end}s`).join(', ')}` : '');
  for (const line of [spans('camera covered', s.obstructed), spans('too dark', s.tooDark), spans('blurry', s.blurry)]) {
    if (line) lines.push(line);
  }
  return lines.join('\n');
}

function motionPeaks(secs: SecondSignal[]): Array<{ t: number; motion: number }> {
  const sorted = [...secs].filter((s) => s.motion > 0).sort((a, b) => b.motion - a.motion);
  const picked: Array<{ t: number; motion: number }> = [];
  for (const s of sorted) {
    if (picked.length >= 5) break;
    if (picked.every((p) => Math.abs(p.t - s.t) >= 3)) picked.push({ t: s.t, motion: s.motion });
  }
  return picked;
}

/** The biggest change of the sizzle: mean of [t, t+3) against mean of [t-5, t), energy means. */
function sizzleChange(secs: SecondSignal[], sign: 1 | -1): { t: number; db: number } | null {
  let best: { t: number; db: number } | null = null;
  for (let t = 5; t + 3 <= secs.length; t++) {
    const before = energyMeanDb(secs.slice(t - 5, t).map((s) => s.sizzle));
    const after = energyMeanDb(secs.slice(t, t + 3).map((s) => s.sizzle));
    const change = round(after - before, 1);
    if (sign * change > 0 && (!best || sign * change > sign * best.db)) best = { t, db: change };
  }
  return best && Math.abs(best.db) >= 3 ? best : null;
}

/** Runs of consecutive seconds matching `pick`, as [start, end) ranges. */
export function ranges(secs: SecondSignal[], pick: (s: SecondSignal) => boolean): TimeRange[] {
  const out: TimeRange[] = [];
  let start: number | null = null;
  secs.forEach((s, i) => {
    if (pick(s)) start ??= s.t;
    else if (start !== null) {
      out.push({ start, end: secs[i - 1]!.t + 1 });
      start = null;
    }
  });
  if (start !== null) out.push({ start, end: secs.at(-1)!.t + 1 });
  return out;
}

export function energyMeanDb(values: number[]): number {
  if (values.length === 0) return SILENCE_DB;
  const power = mean(values.map((db) => 10 ** (db / 10)));
  return power > 0 ? Math.max(SILENCE_DB, round(10 * Math.log10(power), 1)) : SILENCE_DB;
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}
function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
