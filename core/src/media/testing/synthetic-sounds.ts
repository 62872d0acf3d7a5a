/**
 * Synthetic kitchen sounds for tests, each built from the physics the sound-texture detector is
 * meant to recognise (see sound-texture.ts): frying crackle, running water, boiling, speech, hum.
 * Seeded, so every run produces the same samples.
 */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
}

export function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
}

/** One-pole filters, enough to colour noise. */
export function onePoleLow(x: Float32Array, rate: number, hz: number): Float32Array {
  const a = Math.exp((-2 * Math.PI * hz) / rate);
  const y = new Float32Array(x.length);
  let prev = 0;
  for (let i = 0; i < x.length; i++) y[i] = prev = (1 - a) * x[i]! + a * prev;
  return y;
}
export function onePoleHigh(x: Float32Array, rate: number, hz: number): Float32Array {
  const low = onePoleLow(x, rate, hz);
  return x.map((v, i) => v - low[i]!);
}

export function noise(rate: number, sec: number, amp: number, seed: number): Float32Array {
  const rand = rng(seed);
  const out = new Float32Array(Math.round(rate * sec));
  for (let i = 0; i < out.length; i++) out[i] = amp * gauss(rand);
  return out;
}

export function mix(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(Math.max(...parts.map((p) => p.length)));
  for (const p of parts) for (let i = 0; i < p.length; i++) out[i] = out[i]! + p[i]!;
  return out;
}

/**
 * Frying: a soft hiss bed plus a Poisson train of steam-bubble clicks (each a 0.5–2 ms burst of
 * high-passed noise with a fast decay), amplitudes spread over 20 dB, `rate` clicks a second.
 */
export function frying(rate: number, sec: number, opts: { clicksPerSec?: number; amp?: number; seed?: number } = {}): Float32Array {
  const rand = rng(opts.seed ?? 1);
  const amp = opts.amp ?? 0.3;
  const bed = onePoleHigh(noise(rate, sec, amp * 0.04, (opts.seed ?? 1) + 100), rate, 2000);
  const clicks = new Float32Array(bed.length);
  const perSec = opts.clicksPerSec ?? 40;
  let t = 0;
  for (;;) {
    t += -Math.log(rand()) / perSec;
    const start = Math.round(t * rate);
    if (start >= clicks.length) break;
    const a = amp * 10 ** (-rand()); // 0 to −20 dB
    const decay = (0.0005 + 0.0015 * rand()) * rate;
    for (let i = 0; i < decay * 5 && start + i < clicks.length; i++) clicks[start + i] = clicks[start + i]! + a * gauss(rand) * Math.exp(-i / decay);
  }
  return mix(bed, onePoleHigh(clicks, rate, 2500));
}

/** Running water: stationary broadband noise, gently coloured (more energy in the mids). */
export function runningWater(rate: number, sec: number, seed = 2): Float32Array {
  return onePoleLow(onePoleHigh(noise(rate, sec, 0.2, seed), rate, 300), rate, 6000);
}

/**
 * Boiling: a rolling boil is a dense stream of bubbles (a few hundred a second), each a damped
 * resonance at its Minnaert frequency (200–1500 Hz for 2–16 mm bubbles) lasting a few ms, arriving
 * in bursts a few times a second, over a low rumble.
 */
export function boiling(rate: number, sec: number, seed = 3): Float32Array {
  const rand = rng(seed);
  const rumble = onePoleLow(noise(rate, sec, 0.15, seed + 1), rate, 200);
  const out = new Float32Array(rumble.length);
  const burstPhase = rand() * 2 * Math.PI;
  let t = 0;
  for (;;) {
    t += -Math.log(rand()) / 300;
    // Bursts: the bubble rate swells and fades about 3 times a second (thinning out the stream).
    if (rand() > 0.35 + 0.65 * (0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t + burstPhase))) continue;
    const start = Math.round(t * rate);
    if (start >= out.length) break;
    const f = 200 * 7.5 ** rand();
    const decay = (0.001 + 0.004 * rand()) * rate;
    const a = 0.1 * (0.3 + rand());
    for (let i = 0; i < decay * 5 && start + i < out.length; i++) out[start + i] = out[start + i]! + a * Math.sin((2 * Math.PI * f * i) / rate) * Math.exp(-i / decay);
  }
  return mix(rumble, out);
}

/**
 * Speech-like: a voiced source with a gliding 100–200 Hz pitch and 20 harmonics shaped by two
 * formants, switched on and off at a syllable rate of about 5 Hz, with a short fricative between
 * some syllables.
 */
export function speech(rate: number, sec: number, seed = 4): Float32Array {
  const rand = rng(seed);
  const out = new Float32Array(Math.round(rate * sec));
  const fric = onePoleHigh(noise(rate, sec, 0.02, seed + 1), rate, 4000);
  let phase = 0;
  let syllableStart = 0;
  let syllableLen = 0.15;
  let gap = 0.06;
  let f1 = 700;
  let f2 = 1200;
  let fricative = false;
  for (let i = 0; i < out.length; i++) {
    const t = i / rate;
    if (t > syllableStart + syllableLen + gap) {
      syllableStart = t;
      syllableLen = 0.1 + 0.12 * rand();
      gap = 0.04 + 0.08 * rand();
      f1 = 300 + 500 * rand();
      f2 = 900 + 1500 * rand();
      fricative = rand() < 0.3;
    }
    const u = (t - syllableStart) / syllableLen;
    const f0 = 100 + 60 * Math.sin(2 * Math.PI * 0.7 * t) + 40 * u;
    phase += (2 * Math.PI * f0) / rate;
    if (u <= 1) {
      const env = Math.sin(Math.PI * u);
      let v = 0;
      for (let h = 1; h <= 20; h++) {
        const hz = h * f0;
        const gain = 1 / (1 + ((hz - f1) / 150) ** 2) + 0.5 / (1 + ((hz - f2) / 200) ** 2);
        v += gain * Math.sin(h * phase);
      }
      out[i] = 0.08 * env * v;
    } else if (fricative && t - syllableStart - syllableLen < 0.05) {
      out[i] = fric[i]!;
    }
  }
  return mix(out, noise(rate, sec, 0.001, seed + 2));
}

/** Extractor / mains hum: 50 Hz and its harmonics, steady, over faint noise. */
export function hum(rate: number, sec: number, base = 50): Float32Array {
  const out = new Float32Array(Math.round(rate * sec));
  for (let i = 0; i < out.length; i++) {
    let v = 0;
    for (let h = 1; h <= 8; h++) v += (0.3 / h) * Math.sin((2 * Math.PI * base * h * i) / rate + h);
    out[i] = v;
  }
  return mix(out, noise(rate, sec, 0.003, 9));
}

/**
 * A knife on a chopping board: about 3 chops a second, each a sharp broadband click and a short
 * low thump of the board, over a quiet room. Impulsive, but sparse, with no hiss in between.
 */
export function chopping(rate: number, sec: number, seed = 6): Float32Array {
  const rand = rng(seed);
  const out = noise(rate, sec, 0.0005, seed + 1);
  for (let t = 0.1 + 0.2 * rand(); t < sec; t += 0.25 + 0.2 * rand()) {
    const start = Math.round(t * rate);
    const a = 0.3 + 0.3 * rand();
    for (let i = 0; i < 0.15 * rate && start + i < out.length; i++) {
      const click = i < 0.003 * rate ? a * gauss(rand) * Math.exp(-i / (0.0007 * rate)) : 0;
      const thump = 0.5 * a * Math.sin((2 * Math.PI * 160 * i) / rate) * Math.exp(-i / (0.02 * rate));
      out[start + i] = out[start + i]! + click + thump;
    }
  }
  return out;
}
