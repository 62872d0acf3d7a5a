import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSoundTexture, estimateHeat, fft, type SoundWindow } from './sound-texture';
import { boiling, chopping, frying, hum, mix, noise, runningWater, speech } from './testing/synthetic-sounds';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const footageDir = process.env.AJIMI_FOOTAGE_DIR ?? path.resolve(repoRoot, '../shared/footage');

function kinds(windows: SoundWindow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of windows) out[w.kind] = (out[w.kind] ?? 0) + 1;
  return out;
}

/** Share of windows (skipping the first and last 0.5 s, where the context is cut) of a kind. */
function share(windows: SoundWindow[], kind: SoundWindow['kind']): number {
  const inner = windows.slice(2, -2);
  return inner.filter((w) => w.kind === kind).length / inner.length;
}

describe('fft', () => {
  it('puts a sine in its bin', () => {
    const n = 64;
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    for (let i = 0; i < n; i++) re[i] = Math.cos((2 * Math.PI * 5 * i) / n);
    fft(re, im);
    expect(re[5]).toBeCloseTo(n / 2, 6);
    expect(re[59]).toBeCloseTo(n / 2, 6);
    expect(Math.abs(re[6]!) + Math.abs(im[6]!)).toBeLessThan(1e-9);
  });
});

describe.each([16_000, 24_000, 44_100])('analyzeSoundTexture at %i Hz', (rate) => {
  const sec = 4;

  it('calls crackle over a hiss bed frying', () => {
    const out = analyzeSoundTexture(frying(rate, sec), rate);
    expect(out).toHaveLength(16);
    expect(share(out, 'frying'), JSON.stringify(kinds(out))).toBeGreaterThanOrEqual(0.9);
    for (const w of out.slice(2, -2)) {
      expect(w.frying).toBeGreaterThan(0.5);
      expect(w.popsPerSec).toBeGreaterThan(10);
    }
  });

  it('calls a quiet, sparse sizzle frying too (the level does not decide)', () => {
    const out = analyzeSoundTexture(frying(rate, sec, { amp: 0.05, clicksPerSec: 15, seed: 5 }), rate);
    expect(share(out, 'frying'), JSON.stringify(kinds(out))).toBeGreaterThanOrEqual(0.8);
  });

  it('calls stationary broadband noise running water, not frying, even when it is loud in the high band', () => {
    const out = analyzeSoundTexture(runningWater(rate, sec), rate);
    expect(share(out, 'water'), JSON.stringify(kinds(out))).toBeGreaterThanOrEqual(0.9);
    for (const w of out) {
      expect(w.frying).toBeLessThan(0.2);
      expect(w.popsPerSec).toBeLessThan(3);
    }
    // Louder in the sizzle band than the frying above: the band level alone would get this wrong.
    const fry = analyzeSoundTexture(frying(rate, sec), rate);
    expect(out[8]!.highBandDb).toBeGreaterThan(fry[8]!.highBandDb);
  });

  it('calls low-frequency bubbling bursts water (boiling), not frying', () => {
    const out = analyzeSoundTexture(boiling(rate, sec), rate);
    expect(share(out, 'water'), JSON.stringify(kinds(out))).toBeGreaterThanOrEqual(0.8);
    for (const w of out) expect(w.kind).not.toBe('frying');
  });

  it('calls a voiced, syllabic harmonic sound speech', () => {
    const out = analyzeSoundTexture(speech(rate, sec), rate);
    expect(share(out, 'speech'), JSON.stringify(kinds(out))).toBeGreaterThanOrEqual(0.8);
    for (const w of out) expect(w.kind).not.toBe('frying');
  });

  it('calls 50 Hz and 60 Hz hum with harmonics hum', () => {
    for (const base of [50, 60]) {
      const out = analyzeSoundTexture(hum(rate, sec, base), rate);
      expect(share(out, 'hum'), JSON.stringify(kinds(out))).toBeGreaterThanOrEqual(0.9);
      for (const w of out) expect(w.frying).toBeLessThan(0.1);
    }
  });

  it('does not call sparse impacts (a knife on a board) frying or speech: cannot tell', () => {
    const out = analyzeSoundTexture(chopping(rate, sec), rate);
    for (const w of out) {
      expect(w.kind).not.toBe('frying');
      expect(w.kind).not.toBe('speech');
    }
    expect(share(out, 'other'), JSON.stringify(kinds(out))).toBeGreaterThanOrEqual(0.6);
  });

  it('calls digital silence and a quiet room silence', () => {
    for (const samples of [new Float32Array(rate * sec), noise(rate, sec, 0.0003, 11)]) {
      const out = analyzeSoundTexture(samples, rate);
      expect(out.every((w) => w.kind === 'silence' && w.frying === 0)).toBe(true);
    }
  });
});

describe('analyzeSoundTexture in context', () => {
  const rate = 24_000;

  it('still hears frying under an extractor hum about as loud as the sizzle', () => {
    const out = analyzeSoundTexture(mix(frying(rate, 4), hum(rate, 4).map((v) => v * 0.1)), rate);
    expect(share(out, 'frying'), JSON.stringify(kinds(out))).toBeGreaterThanOrEqual(0.8);
  });

  it('places the start of a sizzle within a window or two', () => {
    const quiet = new Float32Array(rate * 2);
    const samples = new Float32Array(rate * 5);
    samples.set(quiet, 0);
    samples.set(frying(rate, 3), rate * 2);
    const out = analyzeSoundTexture(samples, rate);
    const first = out.findIndex((w) => w.kind === 'frying');
    expect(out[first]!.t).toBeGreaterThanOrEqual(1.5);
    expect(out[first]!.t).toBeLessThanOrEqual(2.25);
    expect(out.slice(0, 6).every((w) => w.kind === 'silence')).toBe(true);
  });

  it('does not call a tap being turned on frying', () => {
    const samples = new Float32Array(rate * 4);
    samples.set(runningWater(rate, 3), rate);
    const out = analyzeSoundTexture(samples, rate);
    for (const w of out) expect(w.kind).not.toBe('frying');
  });

  it('reports the windows it covers: a final part window of at least half a window is kept', () => {
    const out = analyzeSoundTexture(frying(rate, 1.2), rate);
    expect(out.map((w) => w.t)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(out.at(-1)!.end).toBeCloseTo(1.2, 3);
    expect(analyzeSoundTexture(new Float32Array(100), rate)).toEqual([]);
    expect(analyzeSoundTexture(frying(rate, 2), rate, { windowSec: 0.5 })).toHaveLength(4);
  });

  it('reads a long recording in one-minute segments without seams', () => {
    const r = 16_000;
    const samples = new Float32Array(r * 95);
    samples.set(frying(r, 62), 0);
    samples.set(runningWater(r, 33), r * 62);
    const out = analyzeSoundTexture(samples, r);
    expect(out).toHaveLength(380);
    out.forEach((w, i) => {
      expect(w.t).toBeCloseTo(i * 0.25, 6);
      expect(w.end).toBeCloseTo(i * 0.25 + 0.25, 6);
    });
    for (const w of out.filter((x) => x.t >= 58 && x.t < 61.5)) expect(w.kind).toBe('frying');
    for (const w of out.filter((x) => x.t >= 63)) expect(w.kind).toBe('water');
  });

  it('rejects a sample rate too low for the crackle band', () => {
    expect(() => analyzeSoundTexture(new Float32Array(8000), 4000)).toThrow(/sample rate/);
  });
});

describe('analyzeSoundTexture after AAC compression (as phones record video sound)', () => {
  // Encode 48 kHz synthetic sound to AAC at 128 kbit/s, then decode to 24 kHz as ingest does.
  const roundTrip = (samples: Float32Array): Float32Array => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-sound-'));
    try {
      const raw = path.join(dir, 'in.f32');
      const m4a = path.join(dir, 'out.m4a');
      fs.writeFileSync(raw, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
      const enc = spawnSync('ffmpeg', ['-v', 'error', '-f', 'f32le', '-ar', '48000', '-ac', '1', '-i', raw, '-c:a', 'aac', '-b:a', '128k', m4a]);
      if (enc.status !== 0) throw new Error(enc.stderr.toString());
      const dec = spawnSync('ffmpeg', ['-v', 'error', '-i', m4a, '-ac', '1', '-ar', '24000', '-f', 'f32le', '-'], { maxBuffer: 1 << 26 });
      if (dec.status !== 0) throw new Error(dec.stderr.toString());
      return new Float32Array(dec.stdout.buffer, dec.stdout.byteOffset, dec.stdout.length / 4);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('still hears the crackle, and still calls running water water', () => {
    const fry = analyzeSoundTexture(roundTrip(frying(48_000, 4)), 24_000);
    expect(share(fry, 'frying'), JSON.stringify(kinds(fry))).toBeGreaterThanOrEqual(0.9);
    const water = analyzeSoundTexture(roundTrip(runningWater(48_000, 4)), 24_000);
    for (const w of water) expect(w.kind).not.toBe('frying');
  });
});

describe('estimateHeat', () => {
  const rate = 24_000;

  it('is high for a fierce sizzle, lower for a gentle one, zero for water and silence', () => {
    const fierce = estimateHeat(analyzeSoundTexture(frying(rate, 4, { clicksPerSec: 120 }), rate));
    const gentle = estimateHeat(analyzeSoundTexture(frying(rate, 4, { clicksPerSec: 15, amp: 0.1, seed: 8 }), rate));
    const water = estimateHeat(analyzeSoundTexture(runningWater(rate, 4), rate));
    const silent = estimateHeat(analyzeSoundTexture(new Float32Array(rate * 4), rate));
    const mid = (h: { heat: number }[]) => h.slice(4, -4).reduce((a, b) => a + b.heat, 0) / (h.length - 8);
    expect(mid(fierce)).toBeGreaterThan(0.6);
    expect(mid(gentle)).toBeGreaterThan(0.1);
    expect(mid(gentle)).toBeLessThan(mid(fierce) - 0.2);
    expect(water.every((h) => h.heat < 0.1)).toBe(true);
    expect(silent.every((h) => h.heat === 0)).toBe(true);
  });

  it('falls when cold food goes in and the sizzle thins out ("the pan went quiet")', () => {
    const samples = mix(
      frying(rate, 4, { clicksPerSec: 120 }),
      (() => {
        const later = new Float32Array(rate * 8);
        later.set(frying(rate, 4, { clicksPerSec: 10, amp: 0.05, seed: 9 }), rate * 4);
        return later;
      })(),
    );
    const heat = estimateHeat(analyzeSoundTexture(samples, rate));
    expect(heat).toHaveLength(32);
    const at = (t: number) => heat.find((h) => h.t === t)!.heat;
    expect(at(2)).toBeGreaterThan(at(6) + 0.3);
    // Smoothed: no step from one window to the next larger than a pan could change.
    for (let i = 1; i < heat.length; i++) expect(Math.abs(heat[i]!.heat - heat[i - 1]!.heat)).toBeLessThan(0.35);
  });

  it('does not read a cook talking over the pan as the pan going cold; a long unknown stretch reads 0', () => {
    const samples = frying(rate, 8, { clicksPerSec: 120 });
    const talk = speech(rate, 1.5);
    for (let i = 0; i < talk.length; i++) samples[rate * 3 + i] = samples[rate * 3 + i]! * 0.02 + talk[i]!;
    const windows = analyzeSoundTexture(samples, rate);
    expect(windows.some((w) => w.kind === 'speech')).toBe(true);
    const heat = estimateHeat(windows);
    for (const h of heat.filter((x) => x.t >= 3 && x.t < 4.5)) expect(h.heat).toBeGreaterThan(0.4);

    const long = analyzeSoundTexture(mix(frying(rate, 2, { clicksPerSec: 120 }), (() => {
      const s = new Float32Array(rate * 8);
      s.set(speech(rate, 6), rate * 2);
      return s;
    })()), rate);
    const longHeat = estimateHeat(long);
    expect(longHeat.find((h) => h.t === 5)!.heat).toBe(0);
  });

  it('handles no windows', () => {
    expect(estimateHeat([])).toEqual([]);
  });
});

/* Real recordings (dev set, not in the repo): run only when the folder is present. */
const annotationsPath = path.join(footageDir, 'annotations.json');
describe.skipIf(!fs.existsSync(annotationsPath))('analyzeSoundTexture on the real dev recordings', () => {
  const rate = 24_000;
  const decode = (file: string): Float32Array => {
    const res = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-ac', '1', '-ar', String(rate), '-f', 'f32le', '-'], { maxBuffer: 1 << 28 });
    if (res.status !== 0) throw new Error(res.stderr.toString());
    return new Float32Array(res.stdout.buffer, res.stdout.byteOffset, res.stdout.length / 4);
  };

  it('tells frying from not frying in at least 80% of 0.25 s windows of each file', () => {
    const annotations = JSON.parse(fs.readFileSync(annotationsPath, 'utf8')) as {
      files: Record<string, { frying?: [number, number][] }>;
    };
    const wavs = Object.keys(annotations.files).filter((f) => f.endsWith('.wav') && fs.existsSync(path.join(footageDir, f)));
    expect(wavs.length).toBeGreaterThan(0);
    for (const name of wavs) {
      const spans = annotations.files[name]!.frying ?? [];
      const out = analyzeSoundTexture(decode(path.join(footageDir, name)), rate);
      const right = out.filter((w) => {
        const mid = (w.t + w.end) / 2;
        return spans.some(([a, b]) => mid >= a && mid < b) === (w.kind === 'frying');
      }).length;
      expect(right / out.length, name).toBeGreaterThanOrEqual(0.8);
    }
  });
});
