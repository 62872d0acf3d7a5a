import { describe, expect, it } from 'vitest';
import { SILENCE_DB, type SecondSignal, type VideoSignals } from '../domain/signals';
import { energyMeanDb, ranges, summarizeSignals } from './summarize-signals';

function second(t: number, over: Partial<SecondSignal> = {}): SecondSignal {
  return {
    t,
    motion: 0.002,
    loudness: -40,
    sizzle: -45,
    brightness: 0.4,
    saturation: 0.3,
    sharpness: 0.4,
    obstructed: false,
    tooDark: false,
    blurry: false,
    ...over,
  };
}

// 60 s: sizzle jumps at 15, a big motion at 15 and 42, covered 30–33, blurry 50–51.
const signals: VideoSignals = {
  durationSec: 60,
  hasAudio: true,
  seconds: Array.from({ length: 60 }, (_, t) =>
    second(t, {
      sizzle: t >= 15 ? -18 : -45,
      loudness: t >= 15 ? -17 : -40,
      motion: t === 15 ? 0.05 : t === 42 ? 0.04 : t === 16 ? 0.03 : 0.002,
      ...(t >= 30 && t < 34 ? { obstructed: true, tooDark: true, brightness: 0.02 } : {}),
      ...(t === 50 || t === 51 ? { blurry: true } : {}),
    }),
  ),
};

describe('summarizeSignals', () => {
  it('makes 5 s windows for a one-minute clip with energy-mean levels and flag counts', () => {
    const s = summarizeSignals(signals);
    expect(s.windowSec).toBe(5);
    expect(s.windows).toHaveLength(12);
    expect(s.windows[3]).toMatchObject({ start: 15, end: 20, sizzleDb: -18, motionMax: 0.05 });
    expect(s.windows[6]).toMatchObject({ start: 30, obstructedSec: 4, tooDarkSec: 4 });
    expect(s.windows[10]).toMatchObject({ blurrySec: 2 });
  });

  it('names the notable moments', () => {
    const s = summarizeSignals(signals);
    expect(s.motionPeaks.slice(0, 2)).toEqual([
      { t: 15, motion: 0.05 },
      { t: 42, motion: 0.04 },
    ]);
    // 16 is within 3 s of 15: not a separate peak.
    expect(s.motionPeaks.some((p) => p.t === 16)).toBe(false);
    expect(s.sizzleRise).toEqual({ t: 15, db: 27 });
    expect(s.sizzleFall).toBeNull();
    expect(s.obstructed).toEqual([{ start: 30, end: 34 }]);
    expect(s.blurry).toEqual([{ start: 50, end: 52 }]);
  });

  it('renders compact prompt text, one line per window', () => {
    const { text } = summarizeSignals(signals);
    const lines = text.split('\n');
    expect(lines[0]).toBe('video 60 s, audio yes, per 5 s window');
    expect(lines).toContain('15-20s | 0.017/0.050 | -18/-18 | -17 | 0.40 | -');
    expect(lines).toContain('30-35s | 0.002/0.002 | -18/-18 | -17 | 0.10 | covered 4s, dark 4s');
    expect(text).toContain('largest sizzle rise: +27 dB at 15s');
    expect(text).toContain('camera covered: 30-34s');
    expect(text.length).toBeLessThan(1500);
  });

  it('uses 10 s windows for a 5-minute clip and leaves sound out without audio', () => {
    const silent: VideoSignals = {
      durationSec: 300,
      hasAudio: false,
      seconds: Array.from({ length: 300 }, (_, t) => second(t, { loudness: SILENCE_DB, sizzle: SILENCE_DB })),
    };
    const s = summarizeSignals(silent);
    expect(s.windowSec).toBe(10);
    expect(s.windows).toHaveLength(30);
    expect(s.sizzleRise).toBeNull();
    expect(s.text).not.toContain('sizzle');
  });
});

describe('summarizeSignals with the sound texture (frying)', () => {
  it('gives the frying probability per window and the seconds heard as frying, so a model can tell frying from a loud tap', () => {
    // Loud in the sizzle band from 15 s, but frying only from 20 s (15–20 s: a tap running).
    const s = summarizeSignals({ ...signals, frying: signals.seconds.map((x) => (x.t >= 20 ? 0.9 : x.t >= 15 ? 0.05 : 0)) });
    expect(s.windows[3]).toMatchObject({ start: 15, sizzleDb: -18, fryingMean: 0.05, fryingSec: 0 });
    expect(s.windows[4]).toMatchObject({ start: 20, fryingMean: 0.9, fryingSec: 5 });
    expect(s.frying).toEqual({ heard: [{ start: 20, end: 60 }], heardSec: 40 });
    const lines = s.text.split('\n');
    expect(lines).toContain('15-20s | 0.017/0.050 | -18/-18 | -17 | 0.05/0 | 0.40 | -');
    expect(lines.some((l) => l.startsWith('frying p: 0-1'))).toBe(true);
    expect(s.text).toContain('frying heard (40 s): 20-60s');
  });

  it('says when frying was never heard, and leaves the column out without a texture track', () => {
    expect(summarizeSignals({ ...signals, frying: signals.seconds.map(() => 0.02) }).text).toContain('frying heard: never');
    const plain = summarizeSignals(signals);
    expect(plain.frying).toBeNull();
    expect(plain.text).not.toContain('frying');
  });
});

describe('helpers', () => {
  it('energyMeanDb averages power, not decibels', () => {
    expect(energyMeanDb([-10, -10])).toBe(-10);
    expect(energyMeanDb([0, -90])).toBeCloseTo(-3, 0);
    expect(energyMeanDb([])).toBe(SILENCE_DB);
  });
  it('ranges finds runs', () => {
    const secs = [0, 1, 2, 3, 4, 5].map((t) => second(t, { blurry: t === 1 || t === 2 || t === 5 }));
    expect(ranges(secs, (s) => s.blurry)).toEqual([
      { start: 1, end: 3 },
      { start: 5, end: 6 },
    ]);
  });
});
