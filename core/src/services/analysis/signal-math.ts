/** Small numeric helpers for rules over per-second signals. */

export function movingAverage(values: number[], radius: number): number[] {
  return values.map((_, i) => {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - radius); j <= Math.min(values.length - 1, i + radius); j++) {
      sum += values[j] as number;
      n++;
    }
    return n ? sum / n : 0;
  });
}

export function quantile(values: number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

export function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/** Median absolute deviation, a spread measure that one huge spike does not distort. */
export function mad(values: number[]): number {
  const m = quantile(values, 0.5);
  return quantile(values.map((v) => Math.abs(v - m)), 0.5);
}

export function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}

/** Mean of values[from, to), clamped to the array. */
export function windowMean(values: number[], from: number, to: number): number {
  const a = Math.max(0, Math.floor(from));
  const b = Math.min(values.length, Math.ceil(to));
  return b > a ? mean(values.slice(a, b)) : (values[Math.min(values.length - 1, Math.max(0, a))] ?? 0);
}

/** Longest run of consecutive indexes for which predicate holds: [start, length]. */
export function longestRun(length: number, predicate: (i: number) => boolean): [number, number] {
  let best: [number, number] = [0, 0];
  let start = -1;
  for (let i = 0; i <= length; i++) {
    if (i < length && predicate(i)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start > best[1]) best = [start, i - start];
      start = -1;
    }
  }
  return best;
}

/** "m:ss" for messages a cook reads. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
