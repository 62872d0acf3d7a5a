import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { wrapPcm16 } from '../providers/tts/wav';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Music and applause made by the project (no downloaded assets, no licence questions): PCM
 * computed in JS from a seed, written once as 16-bit 48 kHz stereo WAV and cached by a hash of
 * the parameters. Same parameters → the same bytes.
 */
export const SYNTH_SAMPLE_RATE = 48_000;
/** Bump when the synthesis changes so cached files are regenerated (and segment hashes change). */
export const SYNTH_VERSION = 1;

export interface MusicParams {
  /** Beats per minute; default 90. */
  bpm?: number;
  seed?: number;
  /** Peak level 0..1; default 0.5. */
  peak?: number;
}

export interface ApplauseParams {
  durationSec?: number;
  /** How many people clap; default 36. */
  clappers?: number;
  seed?: number;
  /** Peak level 0..1; default 0.6. */
  peak?: number;
}

export const MUSIC_DEFAULTS = { bpm: 90, seed: 7, peak: 0.5 } as const;
export const APPLAUSE_DEFAULTS = { durationSec: 7, clappers: 36, seed: 11, peak: 0.6 } as const;

/** A small, fast, seeded PRNG (mulberry32): uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface StereoPcm {
  left: Float32Array;
  right: Float32Array;
  sampleRate: number;
}

const midiHz = (n: number) => 440 * 2 ** ((n - 69) / 12);

/**
 * A gentle loop: I–vi–IV–V (Cmaj7, Am7, Fmaj7, G6), two bars each at `bpm`, as a soft
 * triangle-ish pad with slow swells, a plucked arpeggio on eighth notes panned left/right and a
 * round bass on beats 1 and 3. Written circularly so the loop point is seamless.
 */
export function synthMusic(params: MusicParams = {}): StereoPcm {
  const { bpm, seed, peak } = { ...MUSIC_DEFAULTS, ...params };
  const sr = SYNTH_SAMPLE_RATE;
  const beat = 60 / bpm;
  const chords = [
    [60, 64, 67, 71], // Cmaj7
    [57, 60, 64, 67], // Am7
    [53, 57, 60, 64], // Fmaj7
    [55, 59, 62, 64], // G6
  ];
  const chordBeats = 8;
  const total = Math.round(chords.length * chordBeats * beat * sr);
  const left = new Float32Array(total);
  const right = new Float32Array(total);
  const rnd = seededRandom(seed);
  const add = (i: number, l: number, r: number) => {
    const k = i % total;
    left[k]! += l;
    right[k]! += r;
  };

  chords.forEach((chord, ci) => {
    const start = Math.round(ci * chordBeats * beat * sr);
    const len = Math.round(chordBeats * beat * sr);
    // Pad: each chord swells in and out, overlapping the next by half a second.
    const padLen = len + Math.round(0.5 * sr);
    for (const note of chord) {
      const f = midiHz(note - 12);
      const detune = 1 + (rnd() - 0.5) * 0.004;
      for (let i = 0; i < padLen; i++) {
        const t = i / sr;
        const env = Math.min(1, t / 0.9) * Math.min(1, (padLen - i) / sr / 0.9);
        const ph = 2 * Math.PI * f * detune * t;
        const v = (Math.sin(ph) + Math.sin(3 * ph) / 9 + Math.sin(5 * ph) / 25) * env * 0.06;
        add(start + i, v * 1.05, v * 0.95);
      }
    }
    // Arpeggio: eighth notes up and down the chord, an octave up, plucked (fast decay).
    const pattern = [0, 1, 2, 3, 2, 1, 2, 3];
    for (let e = 0; e < chordBeats * 2; e++) {
      const note = chord[pattern[e % pattern.length]!]! + 12;
      const f = midiHz(note);
      const at = start + Math.round(e * (beat / 2) * sr);
      const vel = 0.07 * (e % 2 === 0 ? 1 : 0.75) * (0.9 + rnd() * 0.2);
      const pan = e % 2 === 0 ? 0.35 : -0.35;
      const n = Math.round(1.2 * sr);
      for (let i = 0; i < n; i++) {
        const t = i / sr;
        const env = Math.min(1, t / 0.006) * Math.exp(-t / 0.28);
        const v = (Math.sin(2 * Math.PI * f * t) + 0.25 * Math.sin(4 * Math.PI * f * t) * Math.exp(-t / 0.08)) * env * vel;
        add(at + i, v * (1 - pan), v * (1 + pan));
      }
    }
    // Bass: the root two octaves down on beats 1 and 3.
    for (let b = 0; b < chordBeats; b += 2) {
      const f = midiHz(chord[0]! - 24);
      const at = start + Math.round(b * beat * sr);
      const n = Math.round(beat * 1.8 * sr);
      for (let i = 0; i < n; i++) {
        const t = i / sr;
        const env = Math.min(1, t / 0.02) * Math.exp(-t / 0.6);
        const v = Math.sin(2 * Math.PI * f * t) * env * 0.16;
        add(at + i, v, v);
      }
    }
  });
  normalize(left, right, peak);
  return { left, right, sampleRate: sr };
}

/**
 * Applause: each clapper claps at their own steady rate (3–5 Hz, with jitter) as a short
 * band-passed noise burst; the crowd swells in, holds and thins out towards the end.
 */
export function synthApplause(params: ApplauseParams = {}): StereoPcm {
  const { durationSec, clappers, seed, peak } = { ...APPLAUSE_DEFAULTS, ...params };
  const sr = SYNTH_SAMPLE_RATE;
  const total = Math.max(1, Math.round(durationSec * sr));
  const left = new Float32Array(total);
  const right = new Float32Array(total);
  const rnd = seededRandom(seed);
  const crowd = (t: number) => {
    const swell = Math.min(1, t / Math.min(1.2, durationSec * 0.2));
    const fadeStart = durationSec * 0.55;
    const decay = t < fadeStart ? 1 : Math.max(0, 1 - (t - fadeStart) / (durationSec - fadeStart));
    return swell * decay * decay;
  };
  const burst = new Float32Array(Math.round(0.03 * sr));
  for (let p = 0; p < clappers; p++) {
    const period = 1 / (3 + rnd() * 2);
    const pan = (rnd() - 0.5) * 1.4;
    const loudness = 0.5 + rnd() * 0.5;
    const centre = 700 + rnd() * 1800;
    // Each clapper joins a little late and stops a little early.
    let t = rnd() * period + rnd() * 0.4;
    const stopAt = durationSec * (0.75 + rnd() * 0.25);
    while (t < stopAt) {
      const level = crowd(t) * loudness;
      if (level > 0.01 && rnd() < 0.92) {
        // A noise burst with a sharp attack and a ~4 ms decay, through a band-pass.
        const bp = bandPass(sr, centre * (0.9 + rnd() * 0.2), 1.1);
        const tau = 0.003 + rnd() * 0.003;
        for (let i = 0; i < burst.length; i++) burst[i] = bp((rnd() * 2 - 1) * Math.exp(-i / sr / tau));
        const at = Math.round(t * sr);
        for (let i = 0; i < burst.length && at + i < total; i++) {
          const v = burst[i]! * level;
          left[at + i]! += v * (1 - pan);
          right[at + i]! += v * (1 + pan);
        }
      }
      t += period * (0.9 + rnd() * 0.2);
    }
  }
  normalize(left, right, peak);
  return { left, right, sampleRate: sr };
}

function bandPass(sr: number, freq: number, q: number): (x: number) => number {
  const w0 = (2 * Math.PI * freq) / sr;
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha;
  const b0 = alpha / a0;
  const b2 = -alpha / a0;
  const a1 = (-2 * Math.cos(w0)) / a0;
  const a2 = (1 - alpha) / a0;
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  return (x) => {
    const y = b0 * x + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
    return y;
  };
}

function normalize(left: Float32Array, right: Float32Array, peak: number): void {
  let max = 0;
  for (let i = 0; i < left.length; i++) max = Math.max(max, Math.abs(left[i]!), Math.abs(right[i]!));
  if (max === 0) return;
  const g = peak / max;
  for (let i = 0; i < left.length; i++) {
    left[i]! *= g;
    right[i]! *= g;
  }
}

/** 16-bit PCM WAV bytes for stereo float samples. */
export function encodeWav(pcm: StereoPcm): Buffer {
  const n = pcm.left.length;
  const interleaved = Buffer.alloc(n * 4);
  const clip = (v: number) => Math.max(-32768, Math.min(32767, Math.round(v * 32767)));
  for (let i = 0; i < n; i++) {
    interleaved.writeInt16LE(clip(pcm.left[i]!), i * 4);
    interleaved.writeInt16LE(clip(pcm.right[i]!), i * 4 + 2);
  }
  return wrapPcm16(interleaved, pcm.sampleRate, 2);
}

/** The cache key for a synthesised sound (also part of segment hashes). */
export function synthKey(kind: 'music' | 'applause', params: MusicParams | ApplauseParams): string {
  const full = kind === 'music' ? { ...MUSIC_DEFAULTS, ...params } : { ...APPLAUSE_DEFAULTS, ...params };
  const sorted = Object.fromEntries(Object.entries(full).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256')
    .update(JSON.stringify({ kind, params: sorted, v: SYNTH_VERSION }))
    .digest('hex')
    .slice(0, 16);
}

const inFlight = new Map<string, Promise<string>>();

/** The music loop as a WAV in `cacheDir` (made on first use). */
export function musicWav(cacheDir: string, params: MusicParams = {}): Promise<string> {
  return cachedWav(cacheDir, `music-${synthKey('music', params)}.wav`, () => synthMusic(params));
}

/** Applause as a WAV in `cacheDir` (made on first use). */
export function applauseWav(cacheDir: string, params: ApplauseParams = {}): Promise<string> {
  return cachedWav(cacheDir, `applause-${synthKey('applause', params)}.wav`, () => synthApplause(params));
}

function cachedWav(cacheDir: string, name: string, make: () => StereoPcm): Promise<string> {
  const path = join(cacheDir, name);
  let pending = inFlight.get(path);
  if (!pending) {
    pending = (async () => {
      if (existsSync(path)) return path;
      await mkdir(cacheDir, { recursive: true });
      const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
      try {
        await writeFile(tmp, encodeWav(make()));
        await rename(tmp, path);
      } finally {
        await rm(tmp, { force: true });
      }
      return path;
    })();
    inFlight.set(path, pending);
    pending.catch(() => inFlight.delete(path));
  }
  return pending;
}
