/**
 * INTERIM: helper "sound" owns core/src/media/sound-texture.ts with this exact interface. This
 * file exists only so the analyzer branch compiles and runs before that lands; on merge, point
 * the one import in core/src/media/fine-signals.ts at './sound-texture' and delete this file.
 *
 * Frying is told from water, boiling, speech and hum by texture, not by level:
 * - frying is a crackle: many tiny bursts of steam, so the 3–12 kHz waveform is impulsive
 *   (kurtosis well above the 3 of Gaussian noise) and its energy sits above 3 kHz;
 * - running water is dense, steady broadband noise: as loud up high, but Gaussian (kurtosis ≈ 3);
 * - boiling and speech put most of their energy below 1.5 kHz (bubble resonances, voice);
 * - hum is tonal and low (low spectral flatness, energy far below 1.5 kHz).
 */

export type SoundKind = 'silence' | 'frying' | 'water' | 'speech' | 'hum' | 'other';

export interface SoundWindow {
  t: number;
  end: number;
  levelDb: number;
  highBandDb: number;
  flatness: number;
  flux: number;
  popsPerSec: number;
  /** 0..1 probability that this window is frying sizzle. */
  frying: number;
  kind: SoundKind;
}

const SILENCE_DB = -90;
/** Below this overall level nothing can be heard at phone gain: silence. */
const SILENT_LEVEL_DB = -55;

class Biquad {
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;
  constructor(
    private readonly b: [number, number, number],
    private readonly a: [number, number],
  ) {}
  static make(kind: 'hp' | 'lp', sampleRate: number, freq: number, q: number): Biquad {
    const w0 = (2 * Math.PI * freq) / sampleRate;
    const cos = Math.cos(w0);
    const alpha = Math.sin(w0) / (2 * q);
    const a0 = 1 + alpha;
    const b1 = kind === 'hp' ? -(1 + cos) : 1 - cos;
    const b0 = kind === 'hp' ? (1 + cos) / 2 : (1 - cos) / 2;
    return new Biquad([b0 / a0, b1 / a0, b0 / a0], [(-2 * cos) / a0, (1 - alpha) / a0]);
  }
  process(x: number): number {
    const y = this.b[0] * x + this.b[1] * this.x1 + this.b[2] * this.x2 - this.a[0] * this.y1 - this.a[1] * this.y2;
    this.x2 = this.x1;
    this.x1 = x;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}

function db(meanSq: number): number {
  if (!(meanSq > 0)) return SILENCE_DB;
  return Math.max(SILENCE_DB, Math.min(0, 10 * Math.log10(meanSq)));
}

const TWIDDLES = new Map<number, { cos: Float64Array; sin: Float64Array }>();
function twiddles(n: number): { cos: Float64Array; sin: Float64Array } {
  let t = TWIDDLES.get(n);
  if (!t) {
    t = { cos: new Float64Array(n / 2), sin: new Float64Array(n / 2) };
    for (let k = 0; k < n / 2; k++) {
      t.cos[k] = Math.cos((-2 * Math.PI * k) / n);
      t.sin[k] = Math.sin((-2 * Math.PI * k) / n);
    }
    TWIDDLES.set(n, t);
  }
  return t;
}

/** In-place radix-2 FFT magnitude² of `n` real samples (n a power of two). */
function powerSpectrum(samples: Float32Array, start: number, n: number, window: Float64Array): Float64Array {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) re[i] = (samples[start + i] ?? 0) * window[i]!;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
    }
  }
  const { cos: cosT, sin: sinT } = twiddles(n);
  for (let len = 2; len <= n; len <<= 1) {
    const stride = n / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const c = cosT[k * stride]!;
        const s = sinT[k * stride]!;
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b]! * c - im[b]! * s;
        const ti = re[b]! * s + im[b]! * c;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
      }
    }
  }
  const out = new Float64Array(n / 2);
  for (let i = 0; i < n / 2; i++) out[i] = re[i]! * re[i]! + im[i]! * im[i]!;
  return out;
}

export function analyzeSoundTexture(samples: Float32Array, sampleRate: number, opts: { windowSec?: number } = {}): SoundWindow[] {
  const windowSec = opts.windowSec ?? 0.25;
  const win = Math.max(64, Math.round(windowSec * sampleRate));
  const hp = [Biquad.make('hp', sampleRate, 3000, 0.5411961), Biquad.make('hp', sampleRate, 3000, 1.306563)];
  const lp = [Biquad.make('lp', sampleRate, 1500, 0.5411961), Biquad.make('lp', sampleRate, 1500, 1.306563)];
  const fftN = 512;
  const hann = new Float64Array(fftN).map((_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / fftN));
  const binHz = sampleRate / fftN;
  const hiLo = Math.ceil(3000 / binHz);
  const hiHi = Math.min(fftN / 2 - 1, Math.floor(Math.min(12000, sampleRate / 2 - 500) / binHz));
  const popFrame = Math.max(8, Math.round(sampleRate * 0.002));
  const out: SoundWindow[] = [];
  let prevMag: Float64Array | null = null;

  for (let start = 0; start + win / 2 <= samples.length; start += win) {
    const end = Math.min(samples.length, start + win);
    const n = end - start;
    let sumSq = 0;
    let hSq = 0;
    let lSq = 0;
    // Impulsiveness per 50 ms block, each block normalised by its own RMS, the most impulsive block
    // left out: one level change (a tap turned on, a spoon on the rim) is not a crackle; a
    // crackle is millisecond pops in block after block.
    const blockLen = Math.max(32, Math.round(sampleRate * 0.05));
    const block: number[] = [];
    const blockKurtosis: number[] = [];
    const closeBlock = () => {
      let s2 = 0;
      let s4 = 0;
      for (const v of block) {
        s2 += v * v;
        s4 += v * v * v * v;
      }
      const ms = s2 / block.length;
      if (block.length >= blockLen / 2 && db(ms) > SILENT_LEVEL_DB) {
        blockKurtosis.push(s4 / block.length / (ms * ms));
      }
      block.length = 0;
    };
    const popEnergy: number[] = [];
    let frameE = 0;
    for (let i = start; i < end; i++) {
      const x = Number.isFinite(samples[i]) ? samples[i]! : 0;
      sumSq += x * x;
      const h = hp[1]!.process(hp[0]!.process(x));
      const l = lp[1]!.process(lp[0]!.process(x));
      hSq += h * h;
      block.push(h);
      if (block.length === blockLen) closeBlock();
      lSq += l * l;
      frameE += h * h;
      if ((i - start + 1) % popFrame === 0) {
        popEnergy.push(frameE);
        frameE = 0;
      }
    }
    const levelDb = db(sumSq / n);
    const highBandDb = db(hSq / n);
    const lowBandDb = db(lSq / n);
    closeBlock();
    blockKurtosis.sort((a, b) => a - b);
    if (blockKurtosis.length >= 3) blockKurtosis.pop();
    const kurtosis = blockKurtosis.length ? blockKurtosis.reduce((a, b) => a + b, 0) / blockKurtosis.length : 0;

    // Pops: 2 ms frames of high-band energy far above the window's median, local maxima.
    const sorted = [...popEnergy].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    let pops = 0;
    for (let i = 1; i + 1 < popEnergy.length; i++) {
      const e = popEnergy[i]!;
      if (median > 0 && e > 6 * median && e >= popEnergy[i - 1]! && e >= popEnergy[i + 1]!) pops++;
    }

    // Spectral flatness (3–12 kHz) and flux over 512-sample frames inside the window.
    let flatSum = 0;
    let fluxSum = 0;
    let frames = 0;
    for (let f = start; f + fftN <= end; f += fftN) {
      const p = powerSpectrum(samples, f, fftN, hann);
      let logSum = 0;
      let linSum = 0;
      const mag = new Float64Array(hiHi - hiLo + 1);
      for (let k = hiLo; k <= hiHi; k++) {
        logSum += Math.log(p[k]! + 1e-20);
        linSum += p[k]!;
        mag[k - hiLo] = Math.sqrt(p[k]!);
      }
      const bins = hiHi - hiLo + 1;
      flatSum += linSum > 0 ? Math.exp(logSum / bins) / (linSum / bins) : 0;
      if (prevMag) {
        let up = 0;
        let total = 0;
        for (let k = 0; k < bins; k++) {
          const d = mag[k]! - prevMag[k]!;
          if (d > 0) up += d * d;
          total += mag[k]!;
        }
        fluxSum += total > 0 ? Math.sqrt(up) / total : 0;
      }
      prevMag = mag;
      frames++;
    }
    const flatness = frames ? flatSum / frames : 0;
    const flux = frames ? fluxSum / frames : 0;

    const audible = levelDb > SILENT_LEVEL_DB;
    const highAudible = highBandDb > SILENT_LEVEL_DB;
    // Impulsiveness: excess kurtosis of the high band (Gaussian noise = 3).
    // Gaussian noise (running water, fans) gives 3.0 ± 0.03 over a second of 50 ms blocks; bubbles
    // reach ~3.7; a crackle 4.5 and up.
    const impulsive = clamp01((kurtosis - 3.5) / 1.5);
    // Spectral tilt: frying's energy is above 3 kHz; boiling, speech and hum are below 1.5 kHz.
    const tilt = clamp01((6 - (lowBandDb - highBandDb)) / 6);
    const noiseLike = clamp01((flatness - 0.12) / 0.15);
    const frying = audible && highAudible ? round3(impulsive * tilt * noiseLike) : 0;
    let kind: SoundKind = 'other';
    if (!audible) kind = 'silence';
    else if (frying >= 0.5) kind = 'frying';
    // Broadband, Gaussian noise with real energy up high: running or boiling water.
    else if (highAudible && lowBandDb - highBandDb < 15 && flatness >= 0.25 && kurtosis < 4.5) kind = 'water';
    // Almost nothing above 3 kHz: a tone (fan, hob, fridge).
    else if (lowBandDb - highBandDb >= 25) kind = 'hum';
    else if (lowBandDb - highBandDb > 6) kind = 'speech';
    out.push({
      t: round3(start / sampleRate),
      end: round3(end / sampleRate),
      levelDb: round1(levelDb),
      highBandDb: round1(highBandDb),
      flatness: round3(flatness),
      flux: round3(flux),
      popsPerSec: round1(pops / (n / sampleRate)),
      frying,
      kind,
    });
  }
  return out;
}

/**
 * Heat over time from the sizzle: a frying window's high-band level relative to this clip's
 * loudest frying (phones sit at different distances, so absolute dB mean little), times how
 * sure it is frying. 1 s smoothing.
 */
export function estimateHeat(windows: SoundWindow[]): { t: number; heat: number }[] {
  const fryingLevels = windows.filter((w) => w.frying >= 0.5).map((w) => w.highBandDb).sort((a, b) => a - b);
  const ref = fryingLevels.length ? fryingLevels[Math.floor(fryingLevels.length * 0.9)]! : -20;
  const raw = windows.map((w) => w.frying * clamp01((w.highBandDb - (ref - 24)) / 24));
  const span = Math.max(1, Math.round(0.5 / Math.max(0.01, (windows[0]?.end ?? 0.25) - (windows[0]?.t ?? 0))));
  return windows.map((w, i) => {
    let s = 0;
    let c = 0;
    for (let k = Math.max(0, i - span); k <= Math.min(raw.length - 1, i + span); k++) {
      s += raw[k]!;
      c++;
    }
    return { t: w.t, heat: round3(c ? s / c : 0) };
  });
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
