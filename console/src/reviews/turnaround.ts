/** How close an item is to its turnaround target: amber when under a quarter of the time is left, red when past. */
export type TurnaroundState = 'ok' | 'due_soon' | 'overdue';

export const DUE_SOON_FRACTION = 0.25;

export interface Turnaround {
  state: TurnaroundState;
  /** Milliseconds since the upload. */
  ageMs: number;
  /** Milliseconds until the target (negative once past it). */
  leftMs: number;
}

export const turnaround = (uploadedAt: string, dueAt: string, now: number): Turnaround => {
  const uploaded = Date.parse(uploadedAt);
  const due = Date.parse(dueAt);
  const ageMs = Math.max(0, now - uploaded);
  const leftMs = due - now;
  const totalMs = Math.max(1, due - uploaded);
  const state: TurnaroundState = leftMs <= 0 ? 'overdue' : leftMs < totalMs * DUE_SOON_FRACTION ? 'due_soon' : 'ok';
  return { state, ageMs, leftMs };
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type DurationUnit = 'day' | 'hour' | 'minute';
/** Formats one unit, e.g. translate('ajimi.reviews.units.hour', { n }). */
export type UnitFormatter = (unit: DurationUnit, n: number) => string;

/** A short human duration in two units at most: "2d 4h", "3h 20m", "12m" (ja: 2日4時間…). */
export const formatDuration = (ms: number, format: UnitFormatter, separator: string): string => {
  const abs = Math.abs(ms);
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const parts: string[] = [];
  if (days > 0) parts.push(format('day', days), ...(hours > 0 ? [format('hour', hours)] : []));
  else if (hours > 0) parts.push(format('hour', hours), ...(minutes > 0 ? [format('minute', minutes)] : []));
  else parts.push(format('minute', minutes));
  return parts.join(separator);
};

/** Seconds as m:ss.s (timeline labels). */
export const formatClock = (seconds: number, decimals = 1): string => {
  const s = Math.max(0, seconds);
  const m = Math.floor(s / 60);
  const rest = (s - m * 60).toFixed(decimals);
  return `${m}:${rest.padStart(decimals > 0 ? 3 + decimals : 2, '0')}`;
};
