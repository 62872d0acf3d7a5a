/**
 * Sound texture: tells frying sizzle apart from running water, boiling, speech and extractor hum
 * by what each sounds like physically, not by how loud the high band is.
 *
 * - Frying: water at the food's surface flashes to steam in hot oil. Every steam bubble that
 *   bursts is a click of a millisecond or two, so the sizzle is a dense train of impulsive pops on
 *   a continuous, broadband, mostly high-frequency (3–10 kHz) hiss: many pops a second standing
 *   well above the hiss, high short-time flux, heavy-tailed (high kurtosis) at the ms scale.
 * - Running water: a great many overlapping droplets and splashes. By the central limit theorem
 *   their sum is close to stationary Gaussian noise: broadband and flat, but its short-time energy
 *   barely fluctuates and almost nothing stands 7 dB above its neighbourhood.
 * - Boiling: bubbles rising and collapsing: dense bursts of low-frequency (< 1.5 kHz) energy, the
 *   high band comparatively weak, and no ms-scale clicks.
 * - Speech: voiced (an 80–400 Hz pitch held smoothly through each vowel), with a pitch that moves
 *   (intonation) and loudness modulated at the syllable rate (3–10 Hz).
 * - Extractor or mains hum: tonal (sharp spectral lines dominating the sound) and steady.
 * - Sparse impacts (a knife on a board, cutlery) are impulsive too, but leave the high band empty
 *   between hits: no hiss bed, so not frying.
 * When the measurements point different ways the window is 'other' (cannot tell); 'water' covers
 * both running water and boiling (noise that is not frying).
 *
 * Sample rate: anything from 16 kHz up works; at 16 kHz the high band is cut at 7.2 kHz (Nyquist
 * 8 kHz), which keeps most of the crackle. Ingest decodes at 24 kHz, the rate these features were
 * reasoned for (high band 3–10 kHz); recommended for the analyzer. Runtime: about 0.3 s of CPU per
 * minute of audio at 24 kHz on this project's 2-core machine (`scripts/eval-sound.ts` measures it).
 *
 * Thresholds are set against what Gaussian noise does, not fitted to recordings: a 1.5 ms block of
 * noise in a 3–10 kHz band has about 2·B·T ≈ 21 degrees of freedom, so its energy stands 5× (7 dB)
 * above the median of its neighbours with a probability around 1e-9; a pop is such a block. The
 * block-to-block flux that noise itself produces is measured once per sample rate on seeded white
 * noise, and only the excess over it counts. `frying` is a score in 0..1 built from these readings'
 * log-odds (see classify); it is not calibrated on labelled data.
 */

export interface SoundWindow {
  /** Window start, seconds. */
  t: number;
  /** Window end, seconds. */
  end: number;
  /** RMS level of the window, dBFS (floored at SILENCE_FLOOR_DB). */
  levelDb: number;
  /** RMS level in the 3–10 kHz band (capped at 0.45 × sample rate), dBFS. */
  highBandDb: number;
  /** Spectral flatness (0 tonal .. 1 white) of the averaged spectrum, 100 Hz–10 kHz. */
  flatness: number;
  /** Short-time flux: the mean absolute change of high-band energy between 1.5 ms blocks, dB. */
  flux: number;
  /** Impulsive clicks per second in the high band (1.5 ms blocks ≥ 7 dB above their neighbours). */
  popsPerSec: number;
  /** Probability (0..1) that this window is frying sizzle. */
  frying: number;
  kind: 'silence' | 'frying' | 'water' | 'speech' | 'hum' | 'other';
}

export interface SoundTextureOptions {
  /** Report resolution, seconds (default 0.25). */
  windowSec?: number;
}

/** Below this a window is silence: the self-noise of a phone microphone in a quiet room. */
export const TEXTURE_SILENCE_DB = -65;
/** A window (or second) counts as frying heard at this probability. */
export const FRYING_HEARD = 0.5;
const SILENCE_FLOOR_DB = -100;
const HIGH_BAND_LOW_HZ = 3000;
const HIGH_BAND_HIGH_HZ = 10_000;
const LOW_BAND_HIGH_HZ = 1500;
/** Pop detection: block length and how far above the local median a block must stand. */
const POP_BLOCK_SEC = 0.0015;
const POP_RATIO = 5;
/** A pop must also be audible: at least this loud in the high band (dBFS, block RMS). */
const POP_MIN_DB = -75;
/** Context each side of a window for the texture features (pops, flux, flatness, kurtosis). */
const TEXTURE_CONTEXT_SEC = 0.25;
/** Context each side for voicing and syllabic modulation (needs several syllables). */
const SPEECH_CONTEXT_SEC = 0.5;

/* ------------------------------------------------------------------ FFT */

/** In-place iterative radix-2 FFT on separate real/imaginary arrays (length a power of two). */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let tmp = re[i]!;
      re[i] = re[j]!;
      re[j] = tmp;
      tmp = im[i]!;
      im[i] = im[j]!;
      im[j] = tmp;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    const half = len >> 1;
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < half; k++) {
        const a = i + k;
        const b = a + half;
        const xr = re[b]! * cr - im[b]! * ci;
        const xi = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a] = re[a]! + xr;
        im[a] = im[a]! + xi;
        const ncr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = ncr;
      }
    }
  }
}

function hann(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  return w;
}

/* ------------------------------------------------------------ helpers */

function db(power: number): number {
  return power > 0 ? Math.max(SILENCE_FLOOR_DB, 10 * Math.log10(power)) : SILENCE_FLOOR_DB;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Median of values[from, to) via insertion sort into a reused scratch buffer (short spans only). */
const scratch = new Float64Array(64);
function median(values: ArrayLike<number>, from: number, to: number): number {
  const n = Math.min(to - from, scratch.length);
  if (n <= 0) return 0;
  for (let i = 0; i < n; i++) {
    const v = values[from + i]!;
    let j = i - 1;
    while (j >= 0 && scratch[j]! > v) {
      scratch[j + 1] = scratch[j]!;
      j--;
    }
    scratch[j + 1] = v;
  }
  return scratch[n >> 1]!;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A second-order IIR section (RBJ cookbook), Direct Form I, run in place over a whole array. */
function biquad(x: Float64Array, b0: number, b1: number, b2: number, a1: number, a2: number): Float64Array {
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const input = x[i]!;
    const v = b0 * input + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = input;
    y2 = y1;
    y1 = v;
    x[i] = v;
  }
  return x;
}

function highPass(x: Float64Array, rate: number, freq: number, q: number): Float64Array {
  const w0 = (2 * Math.PI * freq) / rate;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha;
  return biquad(x, (1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, (-2 * cos) / a0, (1 - alpha) / a0);
}

function lowPass(x: Float64Array, rate: number, freq: number, q: number): Float64Array {
  const w0 = (2 * Math.PI * freq) / rate;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha;
  return biquad(x, (1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, (-2 * cos) / a0, (1 - alpha) / a0);
}

/** 4th-order Butterworth band (two high-pass and two low-pass sections), on a copy of x. */
function highBand(x: Float64Array, rate: number): Float64Array {
  const top = Math.min(HIGH_BAND_HIGH_HZ, 0.45 * rate);
  let y = highPass(new Float64Array(x), rate, HIGH_BAND_LOW_HZ, 0.5411961);
  y = highPass(y, rate, HIGH_BAND_LOW_HZ, 1.306563);
  y = lowPass(y, rate, top, 0.5411961);
  return lowPass(y, rate, top, 1.306563);
}

/* ------------------------------------------------------- frame features */

interface Frames {
  hopSec: number;
  binHz: number;
  /** Per STFT frame: total power, high-band power, low-band power (< 1.5 kHz). */
  total: Float64Array;
  high: Float64Array;
  low: Float64Array;
  /** Power above 300 Hz (where mains hum and voice fundamentals no longer dominate). */
  above300: Float64Array;
  /**
   * Per report window, the summed power spectrum (bins from 100 Hz to the high-band top) of the
   * frames centred in it, so that memory grows with windows, not frames.
   */
  windowSpectra: Float64Array[];
}

function stft(x: Float64Array, rate: number, windowSec: number, windowCount: number): Frames {
  // About 20 ms frames: short enough to follow bubbling bursts and syllables.
  const n = 2 ** Math.round(Math.log2(0.02 * rate));
  const hop = n / 2;
  const win = hann(n);
  const binHz = rate / n;
  const kLo = Math.max(1, Math.round(100 / binHz));
  const kTop = Math.min(n / 2 - 1, Math.round(Math.min(HIGH_BAND_HIGH_HZ, 0.45 * rate) / binHz));
  const kHigh = Math.round(HIGH_BAND_LOW_HZ / binHz);
  const kLow = Math.round(LOW_BAND_HIGH_HZ / binHz);
  const k300 = Math.round(300 / binHz);
  const count = Math.max(0, Math.floor((x.length - n) / hop) + 1);
  const total = new Float64Array(count);
  const high = new Float64Array(count);
  const low = new Float64Array(count);
  const above300 = new Float64Array(count);
  const windowSpectra: Float64Array[] = Array.from({ length: windowCount }, () => new Float64Array(kTop - kLo + 1));
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  // Power normalised so that a frame's summed power equals its mean-square amplitude.
  let wss = 0;
  for (let i = 0; i < n; i++) wss += win[i]! * win[i]!;
  const norm = 2 / (wss * n);
  for (let f = 0; f < count; f++) {
    const off = f * hop;
    for (let i = 0; i < n; i++) {
      re[i] = x[off + i]! * win[i]!;
      im[i] = 0;
    }
    fft(re, im);
    const spec = windowSpectra[Math.min(windowCount - 1, Math.floor((off + n / 2) / rate / windowSec))]!;
    let t = 0, h = 0, l = 0, a = 0;
    for (let k = 1; k < n / 2; k++) {
      const p = (re[k]! * re[k]! + im[k]! * im[k]!) * norm;
      t += p;
      if (k >= kHigh && k <= kTop) h += p;
      if (k <= kLow) l += p;
      if (k >= k300) a += p;
      if (k >= kLo && k <= kTop) spec[k - kLo] = spec[k - kLo]! + p;
    }
    total[f] = t;
    high[f] = h;
    low[f] = l;
    above300[f] = a;
  }
  return { hopSec: hop / rate, binHz, total, high, low, above300, windowSpectra };
}

/**
 * Spectral flatness of the summed spectrum of report windows [from, to), from `fromHz` to the
 * top of the high band: geometric over arithmetic mean (1 for white noise, near 0 for tones).
 */
function flatnessOf(frames: Frames, from: number, to: number, fromHz = 100): number {
  if (to <= from) return 0;
  const bins = frames.windowSpectra[from]!.length;
  const k0 = Math.max(0, Math.round((fromHz - 100) / frames.binHz));
  let logSum = 0;
  let sum = 0;
  for (let k = k0; k < bins; k++) {
    let p = 0;
    for (let w = from; w < to; w++) p += frames.windowSpectra[w]![k]!;
    p = p / (to - from) + 1e-20;
    logSum += Math.log(p);
    sum += p;
  }
  const count = bins - k0;
  return count > 0 ? Math.exp(logSum / count) / (sum / count) : 0;
}

/**
 * Spectral lines (tonality) for hum: power spectra of long frames (about 170 ms, a few Hz per
 * bin, fine enough to resolve 50/60 Hz harmonics), averaged over the context. A line is a bin
 * standing above the median of its neighbours (±10 bins, skipping the adjacent ones), so a steep
 * spectral tilt (boiling's rumble) is not mistaken for a tone. Averaged noise keeps every bin
 * within about 6 dB of its neighbours; a motor or mains hum stands 15–40 dB above them.
 */
interface LongSpectra {
  frameSec: number;
  binHz: number;
  /** Running sums over frames: cumulative[f] is the sum of frames [0, f), so any range is O(bins). */
  cumulative: Float64Array[];
}

function longSpectra(x: Float64Array, rate: number): LongSpectra {
  const n = 2 ** Math.round(Math.log2(0.17 * rate));
  const win = hann(n);
  const binHz = rate / n;
  const kTop = Math.min(n / 2 - 12, Math.round(2000 / binHz) + 11);
  const cumulative: Float64Array[] = [new Float64Array(kTop + 1)];
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let off = 0; off + n <= x.length; off += n) {
    for (let i = 0; i < n; i++) {
      re[i] = x[off + i]! * win[i]!;
      im[i] = 0;
    }
    fft(re, im);
    const prev = cumulative[cumulative.length - 1]!;
    const sum = new Float64Array(kTop + 1);
    for (let k = 0; k <= kTop; k++) sum[k] = prev[k]! + re[k]! * re[k]! + im[k]! * im[k]!;
    cumulative.push(sum);
  }
  return { frameSec: n / rate, binHz, cumulative };
}

function lineProminenceOf(spectra: LongSpectra, fromSec: number, toSec: number): number {
  const frameCount = spectra.cumulative.length - 1;
  if (frameCount <= 0) return 0;
  let f0 = Math.max(0, Math.floor(fromSec / spectra.frameSec));
  let f1 = Math.min(frameCount, Math.ceil(toSec / spectra.frameSec));
  if (f1 <= f0) {
    // Shorter than one long frame: use the nearest one.
    f0 = Math.min(f0, frameCount - 1);
    f1 = f0 + 1;
  }
  const hi = spectra.cumulative[f1]!;
  const lo = spectra.cumulative[f0]!;
  const bins = hi.length;
  const sum = new Float64Array(bins);
  for (let k = 0; k < bins; k++) sum[k] = hi[k]! - lo[k]!;
  const kLo = Math.max(12, Math.round(40 / spectra.binHz));
  const kHi = Math.min(bins - 11, Math.round(2000 / spectra.binHz));
  let best = 0;
  const neighbours = new Float64Array(18);
  for (let k = kLo; k <= kHi; k++) {
    let m = 0;
    for (let j = k - 10; j <= k + 10; j++) if (Math.abs(j - k) > 1) neighbours[m++] = sum[j]!;
    const ref = median(neighbours, 0, m) + 1e-20;
    const ratio = sum[k]! / ref;
    if (ratio > best) best = ratio;
  }
  return best > 0 ? 10 * Math.log10(best) : 0;
}

/** High-band block energies (1.5 ms blocks) and the excess kurtosis of the high band. */
interface Blocks {
  blockSec: number;
  energy: Float64Array;
}

function highBandBlocks(band: Float64Array, rate: number): Blocks {
  const len = Math.max(1, Math.round(POP_BLOCK_SEC * rate));
  const count = Math.floor(band.length / len);
  const energy = new Float64Array(count);
  for (let b = 0; b < count; b++) {
    let s = 0;
    for (let i = b * len; i < (b + 1) * len; i++) s += band[i]! * band[i]!;
    energy[b] = s / len;
  }
  return { blockSec: len / rate, energy };
}

/**
 * Marks pops: blocks that stand at least POP_RATIO above the median of the blocks just before
 * them (3–15 ms earlier) and the median just after them (3–15 ms later), and above POP_MIN_DB.
 * An impulse rises and falls within a few milliseconds; a sound that merely starts (a tap turned
 * on) rises but does not fall, so it is not a pop. Counted once per 6 ms (a click's ringing).
 */
function markPops(blocks: Blocks): Uint8Array {
  const n = blocks.energy.length;
  const marks = new Uint8Array(n);
  const near = Math.max(2, Math.round(0.003 / blocks.blockSec));
  const far = Math.max(near + 3, Math.round(0.015 / blocks.blockSec));
  const refractory = Math.max(1, Math.round(0.006 / blocks.blockSec));
  const minEnergy = 10 ** (POP_MIN_DB / 10);
  let last = -Infinity;
  for (let b = 0; b < n; b++) {
    const e = blocks.energy[b]!;
    if (e < minEnergy || b - last < refractory) continue;
    const before = b - near + 1 > 0 ? median(blocks.energy, Math.max(0, b - far), b - near + 1) : Infinity;
    const after = b + near < n ? median(blocks.energy, b + near, Math.min(n, b + far + 1)) : Infinity;
    const ref = Math.max(before === Infinity ? after : before, after === Infinity ? before : after);
    if (!(ref < Infinity) || e < POP_RATIO * ref) continue;
    marks[b] = 1;
    last = b;
  }
  return marks;
}

/**
 * How far the mean high-band energy stands above its median, in dB. A sizzle is a continuous hiss
 * bed with pops on it: the median block still carries much of the energy (a few dB gap). Sparse
 * impacts (a knife on a board, cutlery) leave the high band near the room's floor between hits:
 * the mean is made by a few blocks and stands far above the median.
 */
function bedGapDb(blocks: Blocks, from: number, to: number): number {
  const n = to - from;
  if (n <= 0) return 0;
  const copy = blocks.energy.slice(from, to).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += copy[i]!;
  const med = copy[n >> 1]!;
  return med > 0 ? 10 * Math.log10(sum / n / med) : 0;
}

function countMarks(marks: Uint8Array, from: number, to: number): number {
  let c = 0;
  for (let b = from; b < to; b++) c += marks[b]!;
  return c;
}

/**
 * The flux that stationary Gaussian noise gives through the same band filter and blocks at this
 * sample rate: the baseline any noise has, measured once on seeded white noise.
 */
const gaussianFluxCache = new Map<number, number>();
function gaussianBlockFlux(rate: number): number {
  const cached = gaussianFluxCache.get(rate);
  if (cached !== undefined) return cached;
  let seed = 12345;
  const uniform = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return (seed + 0.5) / 4294967296;
  };
  const noise = new Float64Array(Math.round(rate * 1));
  for (let i = 0; i < noise.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const a = 2 * Math.PI * uniform();
    noise[i] = 0.1 * r * Math.cos(a);
    if (i + 1 < noise.length) noise[i + 1] = 0.1 * r * Math.sin(a);
  }
  const blocks = highBandBlocks(highBand(noise, rate), rate);
  const skip = Math.round(0.02 / blocks.blockSec); // the filter's start-up transient
  const flux = blockFlux(blocks, skip, blocks.energy.length);
  gaussianFluxCache.set(rate, flux);
  return flux;
}

/** Mean absolute dB change between consecutive high-band blocks in [from, to). */
function blockFlux(blocks: Blocks, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  for (let b = Math.max(1, from); b < to; b++) {
    sum += Math.abs(db(blocks.energy[b]! + 1e-14) - db(blocks.energy[b - 1]! + 1e-14));
    n++;
  }
  return n ? sum / n : 0;
}

/**
 * Local kurtosis of the high band: the kurtosis of each 24 ms segment (3 for Gaussian noise),
 * so that slow loudness changes (syllables, bubbling bursts, a tap turned on) do not count, only
 * what happens within milliseconds. Returned per segment; windows average them.
 */
const KURTOSIS_SEGMENT_SEC = 0.024;
function localKurtosis(band: Float64Array, rate: number): Float64Array {
  const len = Math.round(KURTOSIS_SEGMENT_SEC * rate);
  const count = Math.floor(band.length / len);
  const out = new Float64Array(count);
  for (let s = 0; s < count; s++) {
    let m2 = 0, m4 = 0;
    for (let i = s * len; i < (s + 1) * len; i++) {
      const v = band[i]! * band[i]!;
      m2 += v;
      m4 += v * v;
    }
    m2 /= len;
    m4 /= len;
    out[s] = m2 > 1e-14 ? m4 / (m2 * m2) : 3;
  }
  return out;
}

function meanOf(values: Float64Array, from: number, to: number, fallback: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i]!;
  return to > from ? sum / (to - from) : fallback;
}

/* ----------------------------------------------------------- voicing */

/**
 * Per 40 ms frame (hop 20 ms): the normalised autocorrelation peak over pitch lags 2.5–12.5 ms
 * (80–400 Hz) of the signal low-passed at 1 kHz, and the pitch lag. Voiced speech and tonal hum
 * both score high; speech is told from hum by its changing pitch and syllabic modulation.
 */
interface Voicing {
  hopSec: number;
  /** Per frame: 1 when voiced as part of a sustained, pitch-continuous run (see below). */
  sustained: Uint8Array;
  /** Per frame: mean-square level of the unfiltered signal (the envelope, in 40 ms frames). */
  energy: Float64Array;
  /** Per frame: the pitch period, seconds (meaningful where sustained). */
  lag: Float64Array;
}

/** A frame is voiced above this normalised autocorrelation (0.5 = half the power is periodic). */
const VOICED_ACF = 0.6;
/** A run of voiced frames is speech-like when it lasts at least this many frames (100 ms)... */
const SUSTAINED_FRAMES = 4;
/** ...and its pitch moves less than this (relative) from one 20 ms frame to the next. */
const PITCH_CONTINUITY = 0.1;

function voicing(x: Float64Array, inputRate: number): Voicing {
  let lp = lowPass(new Float64Array(x), inputRate, 1000, 0.5411961);
  lp = lowPass(lp, inputRate, 1000, 1.306563);
  // Below 1 kHz, about 4 kHz of sample rate is plenty: decimate (4× fewer FFT points at 24 kHz).
  const step = Math.max(1, Math.floor(inputRate / 4000));
  const rate = inputRate / step;
  const full = x;
  if (step > 1) {
    const dec = new Float64Array(Math.floor(lp.length / step));
    for (let i = 0; i < dec.length; i++) dec[i] = lp[i * step]!;
    lp = dec;
  }
  const frameLen = Math.round(0.04 * rate);
  const hop = Math.round(0.02 * rate);
  const nfft = 2 ** Math.ceil(Math.log2(frameLen * 2));
  const minLag = Math.round(rate / 400);
  const maxLag = Math.round(rate / 80);
  const count = Math.max(0, Math.floor((lp.length - frameLen) / hop) + 1);
  const strength = new Float64Array(count);
  const lagOut = new Float64Array(count);
  const energy = new Float64Array(count);
  const re = new Float64Array(nfft);
  const im = new Float64Array(nfft);
  const win = hann(frameLen);
  // The autocorrelation of the window itself, to undo its taper on longer lags.
  const wre = new Float64Array(nfft);
  const wim = new Float64Array(nfft);
  for (let i = 0; i < frameLen; i++) wre[i] = win[i]!;
  fft(wre, wim);
  for (let k = 0; k < nfft; k++) {
    wre[k] = wre[k]! * wre[k]! + wim[k]! * wim[k]!;
    wim[k] = 0;
  }
  fft(wre, wim); // real, symmetric: forward FFT gives nfft × the autocorrelation
  for (let f = 0; f < count; f++) {
    const off = f * hop;
    let e = 0;
    const fullOff = off * step;
    const fullLen = frameLen * step;
    for (let i = fullOff; i < Math.min(full.length, fullOff + fullLen); i++) e += full[i]! * full[i]!;
    energy[f] = e / fullLen;
    for (let i = 0; i < nfft; i++) {
      re[i] = i < frameLen ? lp[off + i]! * win[i]! : 0;
      im[i] = 0;
    }
    fft(re, im);
    for (let k = 0; k < nfft; k++) {
      re[k] = re[k]! * re[k]! + im[k]! * im[k]!;
      im[k] = 0;
    }
    fft(re, im);
    const r0 = re[0]!;
    let best = 0;
    let bestLag = 0;
    if (r0 > 1e-12) {
      for (let lag = minLag; lag <= maxLag; lag++) {
        const r = re[lag]! / r0 / (wre[lag]! / wre[0]!);
        if (r > best) {
          best = r;
          bestLag = lag;
        }
      }
    }
    // Parabolic interpolation around the peak: the decimated lag grid is coarse (0.25 ms).
    if (bestLag > minLag && bestLag < maxLag) {
      const norm = (lag: number): number => re[lag]! / r0 / (wre[lag]! / wre[0]!);
      const y0 = norm(bestLag - 1);
      const y2 = norm(bestLag + 1);
      const denom = y0 - 2 * best + y2;
      if (denom < 0) {
        const shift = (0.5 * (y0 - y2)) / denom;
        best = best - 0.25 * (y0 - y2) * shift;
        strength[f] = Math.min(1, best);
        lagOut[f] = (bestLag + shift) / rate;
        continue;
      }
    }
    strength[f] = Math.min(1, best);
    lagOut[f] = bestLag / rate;
  }
  // Speech holds a smoothly moving pitch through a vowel (100–300 ms); a bubble rings at one
  // frequency for a few tens of ms and the next one rings at another.
  const sustained = new Uint8Array(count);
  let runStart = 0;
  for (let f = 0; f <= count; f++) {
    const continues =
      f < count &&
      strength[f]! > VOICED_ACF &&
      (f === runStart || Math.abs(lagOut[f]! / lagOut[f - 1]! - 1) < PITCH_CONTINUITY);
    if (continues) continue;
    if (f - runStart >= SUSTAINED_FRAMES) sustained.fill(1, runStart, f);
    runStart = f < count && strength[f]! > VOICED_ACF ? f : f + 1;
  }
  return { hopSec: hop / rate, sustained, energy, lag: lagOut };
}

/**
 * Depth of the 3–10 Hz (syllabic) modulation of the frame envelope: the fraction of the
 * envelope's variance (in dB) that lives in that band. Speech puts most of it there; steady
 * hum and water have little variance at all, and what they have is slow drift or frame noise.
 */
function syllabicModulation(envDb: number[], frameRate: number): number {
  const n = envDb.length;
  if (n < 8) return 0;
  const mean = envDb.reduce((a, b) => a + b, 0) / n;
  const size = 2 ** Math.ceil(Math.log2(n));
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const win = hann(n);
  for (let i = 0; i < n; i++) re[i] = (envDb[i]! - mean) * win[i]!;
  fft(re, im);
  let total = 0;
  let band = 0;
  for (let k = 1; k < size / 2; k++) {
    const hz = (k * frameRate) / size;
    const p = re[k]! * re[k]! + im[k]! * im[k]!;
    total += p;
    if (hz >= 3 && hz <= 10) band += p;
  }
  return total > 0 ? band / total : 0;
}

/* ------------------------------------------------------------ analyze */

/**
 * Classify the sound in windows of `windowSec` (default 0.25 s). Each window's level is its own;
 * texture features look ±0.25 s around it and voicing ±0.5 s, so a verdict rests on enough
 * pops and syllables to be stable while still placing an onset within a window.
 */
export function analyzeSoundTexture(samples: Float32Array, sampleRate: number, opts?: SoundTextureOptions): SoundWindow[] {
  return measureSoundTexture(samples, sampleRate, opts).map((m) => m.window);
}

/** The windows with the full feature set behind each verdict (for evaluation and debugging). */
export function measureSoundTexture(
  samples: Float32Array,
  sampleRate: number,
  opts?: SoundTextureOptions,
): { window: SoundWindow; features: TextureFeatures }[] {
  const windowSec = opts?.windowSec ?? 0.25;
  if (!(sampleRate >= 8000)) throw new Error(`sound texture needs a sample rate of at least 8 kHz (got ${sampleRate})`);
  if (!(windowSec > 0)) throw new Error(`windowSec must be positive (got ${windowSec})`);
  const windowCount = countWindows(samples.length / sampleRate, windowSec);
  if (samples.length <= SEGMENT_SEC * 1.5 * sampleRate) return measureSegment(samples, sampleRate, windowSec);

  // Long recordings go in segments of about a minute with a second of context either side, so
  // memory stays bounded (a few tens of MB) whatever the length.
  const out: { window: SoundWindow; features: TextureFeatures }[] = [];
  const { segmentWindows } = segmentPlan(windowSec);
  for (let first = 0; first < windowCount; first += segmentWindows) {
    const range = segmentRange(first, windowCount, samples.length, sampleRate, windowSec);
    out.push(...measureSegmentAt(samples.subarray(range.a, range.b), sampleRate, windowSec, range));
  }
  return out;
}

/** Long recordings: segments of SEGMENT_SEC with SEGMENT_PAD_SEC of context either side (sound-texture-stream.ts uses the same cut). */
export const SEGMENT_SEC = 60;
const SEGMENT_PAD_SEC = 1;

export function segmentPlan(windowSec: number): { segmentWindows: number; padWindows: number } {
  return { segmentWindows: Math.max(1, Math.round(SEGMENT_SEC / windowSec)), padWindows: Math.ceil(SEGMENT_PAD_SEC / windowSec) };
}

/** The samples [a, b) a segment starting at window `first` reads, and which of its windows it keeps. */
export function segmentRange(first: number, windowCount: number, totalSamples: number, sampleRate: number, windowSec: number): { a: number; b: number; from: number; first: number; keep: number } {
  const { segmentWindows, padWindows } = segmentPlan(windowSec);
  const from = Math.max(0, first - padWindows);
  const to = Math.min(windowCount, first + segmentWindows + padWindows);
  const a = Math.round(from * windowSec * sampleRate);
  const b = to === windowCount ? totalSamples : Math.round(to * windowSec * sampleRate);
  return { a, b, from, first, keep: Math.min(segmentWindows, windowCount - first) };
}

/** One segment's kept windows, on the recording's clock. */
export function measureSegmentAt(
  part: Float32Array,
  sampleRate: number,
  windowSec: number,
  range: { from: number; first: number; keep: number },
): { window: SoundWindow; features: TextureFeatures }[] {
  const shift = range.from * windowSec;
  return measureSegment(part, sampleRate, windowSec)
    .slice(range.first - range.from, range.first - range.from + range.keep)
    .map((m) => ({ features: m.features, window: { ...m.window, t: round(m.window.t + shift, 3), end: round(m.window.end + shift, 3) } }));
}

/** Full windows, plus a final part window if it is at least half a window. */
export function countWindows(duration: number, windowSec: number): number {
  return Math.floor(duration / windowSec + 0.5 - 1e-9);
}

function measureSegment(samples: Float32Array, sampleRate: number, windowSec: number): { window: SoundWindow; features: TextureFeatures }[] {
  const duration = samples.length / sampleRate;
  const windowCount = countWindows(duration, windowSec);
  if (windowCount <= 0) return [];

  // Remove DC (a microphone offset would otherwise read as low-frequency energy).
  const x = new Float64Array(samples.length);
  let dc = 0;
  for (let i = 0; i < samples.length; i++) dc += Number.isFinite(samples[i]!) ? samples[i]! : 0;
  dc /= samples.length || 1;
  for (let i = 0; i < samples.length; i++) x[i] = (Number.isFinite(samples[i]!) ? samples[i]! : 0) - dc;

  const frames = stft(x, sampleRate, windowSec, windowCount);
  const contextWindows = Math.max(1, Math.round(TEXTURE_CONTEXT_SEC / windowSec));
  const band = highBand(x, sampleRate);
  const blocks = highBandBlocks(band, sampleRate);
  const voice = voicing(x, sampleRate);
  const long = longSpectra(x, sampleRate);

  const pops = markPops(blocks);
  const kurtSegments = localKurtosis(band, sampleRate);
  const gaussianFlux = gaussianBlockFlux(sampleRate);

  const out: { window: SoundWindow; features: TextureFeatures }[] = [];
  for (let w = 0; w < windowCount; w++) {
    const t = w * windowSec;
    const end = Math.min(duration, (w + 1) * windowSec);
    const s0 = Math.round(t * sampleRate);
    const s1 = Math.min(x.length, Math.round(end * sampleRate));
    let sq = 0;
    let hsq = 0;
    for (let i = s0; i < s1; i++) {
      sq += x[i]! * x[i]!;
      hsq += band[i]! * band[i]!;
    }
    const levelDb = db(sq / Math.max(1, s1 - s0));
    const highBandDb = db(hsq / Math.max(1, s1 - s0));

    // Texture context.
    const c0 = Math.max(0, t - TEXTURE_CONTEXT_SEC);
    const c1 = Math.min(duration, end + TEXTURE_CONTEXT_SEC);
    const f0 = Math.max(0, Math.floor(c0 / frames.hopSec));
    const f1 = Math.min(frames.total.length, Math.ceil(c1 / frames.hopSec));
    const b0 = Math.max(0, Math.floor(c0 / blocks.blockSec));
    const b1 = Math.min(blocks.energy.length, Math.ceil(c1 / blocks.blockSec));
    const w0 = Math.max(0, w - contextWindows);
    const w1 = Math.min(windowCount, w + contextWindows + 1);
    const flatness = flatnessOf(frames, w0, w1);
    const flux = blockFlux(blocks, b0, b1);
    const popsPerSec = c1 > c0 ? countMarks(pops, b0, b1) / (c1 - c0) : 0;
    const bedGap = bedGapDb(blocks, b0, b1);
    const kurt = meanOf(kurtSegments, Math.floor(c0 / KURTOSIS_SEGMENT_SEC), Math.min(kurtSegments.length, Math.ceil(c1 / KURTOSIS_SEGMENT_SEC)), 3);

    let totalP = 0, highP = 0, lowP = 0;
    for (let f = f0; f < f1; f++) {
      totalP += frames.total[f]!;
      highP += frames.high[f]!;
      lowP += frames.low[f]!;
    }
    let above300 = 0;
    for (let f = f0; f < f1; f++) above300 += frames.above300[f]!;
    // Share of the high band in what lies above 300 Hz, so a mains hum does not hide a sizzle.
    const highShare = above300 > 0 ? highP / above300 : 0;
    const highFlatness = flatnessOf(frames, w0, w1, HIGH_BAND_LOW_HZ);
    const lowShare = totalP > 0 ? lowP / totalP : 0;

    // Speech context: voicing, pitch movement and syllabic modulation over ±0.5 s.
    const v0 = Math.max(0, Math.floor((t - SPEECH_CONTEXT_SEC) / voice.hopSec));
    const v1 = Math.min(voice.sustained.length, Math.ceil((end + SPEECH_CONTEXT_SEC) / voice.hopSec));
    let voiced = 0;
    const env: number[] = [];
    const pitchCents: number[] = [];
    for (let f = v0; f < v1; f++) {
      voiced += voice.sustained[f]!;
      if (voice.sustained[f]) pitchCents.push(1200 * Math.log2(voice.lag[f]!));
      env.push(db(voice.energy[f]! + 1e-12));
    }
    // Intonation: speech's pitch wanders by semitones within a second; a hum or a ringing board
    // holds one pitch.
    const pitchSpread = robustSpread(pitchCents);
    const voicedShare = v1 > v0 ? voiced / (v1 - v0) : 0;
    const modulation = syllabicModulation(env, 1 / voice.hopSec);
    const envSpread = stdOf(env);
    const lines = lineProminenceOf(long, t - SPEECH_CONTEXT_SEC, end + SPEECH_CONTEXT_SEC);

    const features = { levelDb, highBandDb, flatness, flux, fluxExcess: flux - gaussianFlux, popsPerSec, bedGap, kurt, lines, highShare, highFlatness, lowShare, voicedShare, pitchSpread, modulation, envSpread };
    const { frying, kind } = classify(features);
    out.push({ features, window: {
      t: round(t, 3),
      end: round(end, 3),
      levelDb: round(levelDb, 1),
      highBandDb: round(highBandDb, 1),
      flatness: round(flatness, 3),
      flux: round(flux, 2),
      popsPerSec: round(popsPerSec, 1),
      frying: round(frying, 3),
      kind,
    } });
  }
  return out;
}

/** Interquartile range / 1.35 (the standard deviation for a normal distribution, robust to a few octave errors). */
function robustSpread(values: number[]): number {
  if (values.length < 4) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return (q(0.75) - q(0.25)) / 1.35;
}

function stdOf(values: number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

export interface TextureFeatures {
  levelDb: number;
  highBandDb: number;
  flatness: number;
  flux: number;
  /** flux minus what stationary Gaussian noise gives in the same band and blocks, dB. */
  fluxExcess: number;
  popsPerSec: number;
  /** Mean over median high-band block energy, dB: 0.1 for steady noise, large for sparse impacts. */
  bedGap: number;
  kurt: number;
  lines: number;
  highShare: number;
  highFlatness: number;
  lowShare: number;
  voicedShare: number;
  /** Spread (robust standard deviation) of the sustained pitch over the context, cents. */
  pitchSpread: number;
  modulation: number;
  envSpread: number;
}

/**
 * Decide from the features. Crackle is judged by three readings of one property, "not Gaussian
 * at the millisecond scale", each measured against what stationary noise gives: pops per second
 * (noise: 0), local kurtosis (noise: 3) and flux above the Gaussian baseline (noise: 0 dB). Their
 * midpoints sit where slowly modulated noise (a tap turned on, bubbling bursts) stops explaining
 * them, and their log-odds add. The other classes are textbook properties: speech is voiced with
 * syllabic modulation; hum has sharp lines and a steady level; boiling is low-frequency rumble.
 */
export function classify(f: TextureFeatures): { frying: number; kind: SoundWindow['kind'] } {
  if (f.levelDb < TEXTURE_SILENCE_DB) return { frying: 0, kind: 'silence' };

  // Each reading's say is capped, so that no single one decides alone.
  const term = (x: number): number => Math.max(-6, Math.min(3, x));
  const crackleLogOdds =
    term(1.5 * (Math.log2(1 + f.popsPerSec) - Math.log2(1 + 5))) + term(3 * (f.kurt - 4)) + term(4 * (f.fluxExcess - 0.8));
  const crackle = sigmoid(crackleLogOdds);
  // Broadband, with real energy in the crackle band (frying is hiss, not a low rumble).
  const broadband = sigmoid((f.flatness - 0.15) * 25);
  const hissy = sigmoid((f.highFlatness - 0.2) * 25);
  const highEnough = sigmoid((f.highShare - 0.12) * 25);
  // Speech: voiced frames and syllabic (3–10 Hz) envelope modulation.
  const speech =
    sigmoid((f.voicedShare - 0.2) * 15) *
    sigmoid((f.pitchSpread - 60) * 0.08) *
    sigmoid((f.modulation - 0.25) * 12) *
    sigmoid((f.envSpread - 3) * 1.5);
  // Hum: lines well above their neighbours, a steady level, and the tones dominate the sound
  // (a tap's pipe resonance is a line too, but under broadband noise).
  const hum = sigmoid((f.lines - 15) * 0.6) * sigmoid((3 - f.envSpread) * 1.5) * sigmoid((0.3 - f.flatness) * 15);
  // Water: steady noise without crackle, either flat (running water) or a low rumble (boiling).
  const lowRumble = sigmoid((f.lowShare - 0.6) * 12);
  const steady = sigmoid((6 - f.envSpread) * 1);
  const water = (1 - crackle) * Math.max(broadband * highEnough, lowRumble) * steady * (1 - hum);

  // A hum adds lines but no clicks, so it does not veto frying; speech does, because its
  // plosives and fricatives are themselves short high-band bursts.
  // A continuous hiss bed under the pops (sparse knocks and clinks leave the band empty between).
  const bed = sigmoid((16 - f.bedGap) * 0.5);
  const frying = clamp01(crackle * hissy * highEnough * bed * (1 - speech));

  let kind: SoundWindow['kind'] = 'other';
  if (frying >= FRYING_HEARD) kind = 'frying';
  else if (frying < 0.3) {
    if (speech >= 0.5) kind = 'speech';
    else if (hum >= 0.5) kind = 'hum';
    else if (water >= 0.5) kind = 'water';
  }
  return { frying, kind };
}

/* ---------------------------------------------------------------- heat */

/** Unknown stretches (speech, cannot tell) up to this long are bridged; longer ones read 0. */
const HEAT_BRIDGE_SEC = 2;

/**
 * Heat level over time (0..1) from the sizzle, one point per window (at its start).
 *
 * Physics: the sizzle is water boiling off the food in oil well above 100 °C. The hotter the oil
 * and pan surface, the faster vapour bubbles nucleate and burst, so the crackle gets both denser
 * (more pops a second) and louder; when cold food goes in, the surface temperature drops and the
 * pan "goes quiet". The pop rate is counted against the sound's own hiss, so it does not depend on
 * the microphone's gain; the high-band level does, so it only shapes the curve relative to the
 * loudest sizzle in this recording. Per window:
 *   frying probability × (0.6 · (1 − e^(−pops/40)) + 0.4 · level within 30 dB of the loudest sizzle)
 * (the rate term saturates around 100 pops/s, a fierce sizzle). Silence, water and hum read 0: no
 * sizzle is heard. Speech and 'other' windows are unknown, not cold: a cook talking over the pan
 * does not cool it, so those are bridged by interpolating between their neighbours when the gap
 * is at most HEAT_BRIDGE_SEC, and read 0 beyond (no evidence of heat). The result is smoothed
 * with a centred moving average of about 1 s (a pan's temperature cannot change faster).
 */
export function estimateHeat(windows: SoundWindow[]): { t: number; heat: number }[] {
  if (windows.length === 0) return [];
  let peakDb = -Infinity;
  for (const w of windows) if (w.kind === 'frying' && w.highBandDb > peakDb) peakDb = w.highBandDb;
  const known = windows.map((w) => w.kind !== 'speech' && w.kind !== 'other');
  const raw = windows.map((w) => {
    if (w.kind === 'silence' || w.frying <= 0) return 0;
    const rate = 1 - Math.exp(-w.popsPerSec / 40);
    const level = Number.isFinite(peakDb) ? clamp01(1 - (peakDb - w.highBandDb) / 30) : 0;
    return w.frying * (0.6 * rate + 0.4 * level);
  });
  // Bridge short unknown stretches.
  const windowSec = Math.max(1e-3, windows[0]!.end - windows[0]!.t);
  for (let i = 0; i < windows.length; ) {
    if (known[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < windows.length && !known[j]) j++;
    const before = i > 0 ? raw[i - 1]! : undefined;
    const after = j < windows.length ? raw[j]! : undefined;
    const short = (j - i) * windowSec <= HEAT_BRIDGE_SEC;
    for (let k = i; k < j; k++) {
      if (!short || (before === undefined && after === undefined)) raw[k] = 0;
      else if (before === undefined) raw[k] = after!;
      else if (after === undefined) raw[k] = before;
      else raw[k] = before + ((after - before) * (k - i + 1)) / (j - i + 1);
    }
    i = j;
  }
  const half = Math.max(0, Math.round(0.5 / windowSec - 0.5));
  return windows.map((w, i) => {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(raw.length - 1, i + half); j++) {
      sum += raw[j]!;
      n++;
    }
    const heat = w.kind === 'silence' ? 0 : sum / n;
    return { t: w.t, heat: round(clamp01(heat), 3) };
  });
}
