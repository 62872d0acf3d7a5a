/**
 * `node --import tsx scripts/eval-sound.ts [DIR] [--rate 24000] [--verbose] [--synthetic]`
 * Runs the sound-texture detector on every .wav in DIR (default ../shared/footage, or
 * AJIMI_FOOTAGE_DIR) and prints, per file, the share of 0.25 s windows classified right as
 * frying / not frying against DIR/annotations.json (`frying: [[start, end], ...]` per file; a file
 * listed without `frying` spans is not frying anywhere), the kinds found, and the runtime per minute
 * of audio (CPU time on a minute made by repeating the files). --verbose prints every window's
 * features. --synthetic evaluates the generated kitchen sounds (core/src/media/testing) instead.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { analyzeSoundTexture, estimateHeat, measureSoundTexture } from '../core/src/media/sound-texture';
import * as synth from '../core/src/media/testing/synthetic-sounds';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rate: { type: 'string', default: '24000' },
    verbose: { type: 'boolean', default: false },
    synthetic: { type: 'boolean', default: false },
  },
});
const repoRoot = path.resolve(import.meta.dirname, '..');
const dir = positionals[0] ?? process.env.AJIMI_FOOTAGE_DIR ?? path.resolve(repoRoot, '../shared/footage');
const rate = Number(values.rate);

const Annotations = z.object({
  files: z.record(z.string(), z.object({ frying: z.array(z.tuple([z.number(), z.number()])).optional() }).passthrough()),
});

function decode(file: string): Float32Array {
  const res = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-ac', '1', '-ar', String(rate), '-f', 'f32le', '-'], {
    maxBuffer: 1 << 30,
  });
  if (res.status !== 0) throw new Error(`ffmpeg could not decode ${file}: ${res.stderr.toString().trim()}`);
  const buf = res.stdout;
  return new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
}

if (values.synthetic) {
  // Each generated sound, 10 s, with its truth: frying or not.
  const sec = 10;
  const r = rate;
  const quietThenTap = new Float32Array(r * sec);
  quietThenTap.set(synth.runningWater(r, sec - 2), r * 2);
  const cases: [string, Float32Array, boolean][] = [
    ['frying', synth.frying(r, sec), true],
    ['frying, fierce (120 clicks/s)', synth.frying(r, sec, { clicksPerSec: 120, seed: 3 }), true],
    ['frying, quiet and sparse', synth.frying(r, sec, { amp: 0.05, clicksPerSec: 15, seed: 5 }), true],
    ['frying under a hum', synth.mix(synth.frying(r, sec), synth.hum(r, sec).map((v) => v * 0.1)), true],
    ['running water', synth.runningWater(r, sec), false],
    ['tap turned on after 2 s', quietThenTap, false],
    ['boiling', synth.boiling(r, sec), false],
    ['speech', synth.speech(r, sec), false],
    ['hum 50 Hz', synth.hum(r, sec, 50), false],
    ['hum 60 Hz', synth.hum(r, sec, 60), false],
    ['chopping', synth.chopping(r, sec), false],
    ['silence', new Float32Array(r * sec), false],
  ];
  let ok = 0;
  let all = 0;
  for (const [name, samples, isFrying] of cases) {
    const windows = analyzeSoundTexture(samples, r);
    const right = windows.filter((w) => (w.kind === 'frying') === isFrying).length;
    const kinds: Record<string, number> = {};
    for (const w of windows) kinds[w.kind] = (kinds[w.kind] ?? 0) + 1;
    ok += right;
    all += windows.length;
    console.log(`${name}: ${right}/${windows.length} windows right (${((100 * right) / windows.length).toFixed(0)}%), ${Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
  console.log(`synthetic overall: ${ok}/${all} windows right (${((100 * ok) / all).toFixed(1)}%) at ${r} Hz`);
  process.exit(0);
}

if (!fs.existsSync(path.join(dir, 'annotations.json'))) {
  console.error(`No annotations.json in ${dir}`);
  process.exit(2);
}
const annotations = Annotations.parse(JSON.parse(fs.readFileSync(path.join(dir, 'annotations.json'), 'utf8')));
let right = 0;
let total = 0;
let audioSec = 0;
const decoded: Float32Array[] = [];
for (const name of Object.keys(annotations.files).filter((f) => f.endsWith('.wav')).sort()) {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) continue;
  const spans = annotations.files[name]!.frying ?? [];
  const samples = decode(file);
  decoded.push(samples);
  const measured = measureSoundTexture(samples, rate);
  audioSec += samples.length / rate;
  let fileRight = 0;
  const kinds: Record<string, number> = {};
  for (const { window: w, features: f } of measured) {
    const mid = (w.t + w.end) / 2;
    const truth = spans.some(([a, b]) => mid >= a && mid < b);
    const said = w.kind === 'frying';
    if (truth === said) fileRight++;
    kinds[w.kind] = (kinds[w.kind] ?? 0) + 1;
    if (values.verbose) {
      console.log(
        `  ${w.t.toFixed(2)} ${w.kind.padEnd(7)} p=${w.frying.toFixed(2)} lvl=${w.levelDb} hb=${w.highBandDb} flat=${w.flatness} flux=${w.flux}(+${f.fluxExcess.toFixed(2)}) pops=${w.popsPerSec} gap=${f.bedGap.toFixed(1)}` +
          ` kurt=${f.kurt.toFixed(1)} lines=${f.lines.toFixed(1)} hi=${f.highShare.toFixed(2)} lo=${f.lowShare.toFixed(2)} voiced=${f.voicedShare.toFixed(2)}` +
          ` mod=${f.modulation.toFixed(2)} env=${f.envSpread.toFixed(1)} ${truth ? 'FRYING' : ''}`,
      );
    }
  }
  right += fileRight;
  total += measured.length;
  const kindList = Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ');
  const heat = estimateHeat(measured.map((m) => m.window));
  const meanHeat = heat.reduce((a, h) => a + h.heat, 0) / Math.max(1, heat.length);
  console.log(
    `${name}: ${fileRight}/${measured.length} windows right (${((100 * fileRight) / measured.length).toFixed(0)}%), ${kindList}; mean heat ${meanHeat.toFixed(2)}`,
  );
}
if (total === 0) {
  console.error(`No annotated .wav files in ${dir}`);
  process.exit(2);
}
// Runtime: one minute of audio made by repeating the decoded files, after a warm-up run.
const minute = new Float32Array(rate * 60);
for (let off = 0, i = 0; off < minute.length; i++) {
  const part = decoded[i % decoded.length]!.subarray(0, minute.length - off);
  minute.set(part, off);
  off += part.length;
}
analyzeSoundTexture(minute.subarray(0, rate * 5), rate);
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
analyzeSoundTexture(minute, rate);
const cpu = process.cpuUsage(cpu0);
console.log(
  `overall: ${right}/${total} windows right (${((100 * right) / total).toFixed(1)}%) over ${audioSec.toFixed(1)} s; ` +
    `runtime per minute of audio at ${rate} Hz: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU (${(performance.now() - wall0).toFixed(0)} ms wall)`,
);
