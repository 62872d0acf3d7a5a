/**
 * `npm run eval:analyzer -- DIR [--dish fried-rice] [--json]`
 * `npm run eval:analyzer -- --generate DIR`   (writes the generated evaluation set, then evaluates it)
 *
 * Reads DIR/annotations.json (the format of ../shared/footage/annotations.json) and runs the
 * offline analyzer on every listed file. Prints per file and overall:
 * - events: recall and precision within ±1 s of an annotated span (any type, and same type);
 * - abstention right/wrong: a file with "cooking": false (or "abstain": true) must be abstained
 *   on, with no key moment and no diagnosis; any other video must be coached;
 * - frying vs not, per second (sound files and videos with sound): the texture's verdict
 *   (frying ≥ 0.5) against the annotated frying spans;
 * - claims inside covered spans ("covered": [[start, end]]): events and key-moment instants there;
 * - timings per file.
 * Sound-only files (.wav, .mp3, ...) are scored on frying only.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { analyzeAudioFile } from '@ajimi/core/media/analyze-audio-file';
import { isMediaError } from '@ajimi/core/media/media-error';
import { analyzeFile } from '@ajimi/core/services/analysis/analyze-file';
import { generateEvalSet } from '@ajimi/core/services/analysis/testing/generate-eval-set';
import { LocalVideoAnalyzer } from '@ajimi/core/services/analysis/local-analyzer';
import { loadKnowledge } from '@ajimi/core/services/knowledge/load-knowledge';

const span = z.tuple([z.number(), z.number()]);
const annotationsSchema = z.object({
  files: z.record(
    z.string(),
    z
      .object({
        cooking: z.boolean().optional(),
        audio: z.boolean().optional(),
        abstain: z.boolean().optional(),
        events: z.array(z.object({ type: z.string(), start: z.number(), end: z.number() })).optional(),
        frying: z.array(span).optional(),
        covered: z.array(span).optional(),
      })
      .passthrough(),
  ),
});

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { dish: { type: 'string', default: 'fried-rice' }, json: { type: 'boolean', default: false }, generate: { type: 'string' } },
});
let dir = positionals[0];
if (values.generate) {
  dir = values.generate;
  await mkdir(dir, { recursive: true });
  const t0 = performance.now();
  await generateEvalSet(dir);
  console.error(`generated the evaluation set in ${dir} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
if (!dir) {
  console.error('Usage: npm run eval:analyzer -- DIR   (DIR holds annotations.json)   or   --generate DIR');
  process.exit(2);
}
const annotationsPath = path.join(dir, 'annotations.json');
if (!existsSync(annotationsPath)) {
  console.error(`No annotations.json in ${dir}`);
  process.exit(2);
}
const annotations = annotationsSchema.parse(JSON.parse(await readFile(annotationsPath, 'utf8')));
const knowledge = await loadKnowledge();
const rubric = knowledge.dishes.find((d) => d.slug === values.dish);
if (!rubric) {
  console.error(`Unknown dish "${values.dish}"`);
  process.exit(2);
}
const principles = knowledge.principles.filter((p) => p.dishes.includes(rubric.slug)).map((p) => ({ slug: p.slug, title: p.title, addresses: p.addresses, why: p.why }));
const analyzer = new LocalVideoAnalyzer();

const SOUND_ONLY = /\.(wav|mp3|m4a|aac|flac|ogg|opus)$/i;
const TOLERANCE = 1;

interface Row {
  file: string;
  kind: 'video' | 'sound';
  ms: number;
  durationSec: number;
  abstainExpected?: boolean;
  abstained?: boolean;
  abstainReason?: string | null;
  abstainRight?: boolean;
  events?: { truth: number; found: number; recalled: number; recalledSameType: number; precise: number; preciseSameType: number };
  frying?: { seconds: number; right: number };
  /** Events and key-moment instants placed inside an annotated covered span (should be none). */
  claimsInCovered?: number;
  detail?: string;
  error?: string;
}

function near(t: number, e: { start: number; end: number }): boolean {
  return t >= e.start - TOLERANCE && t <= e.end + TOLERANCE;
}

/** Seconds [t, t+1) count as frying in truth when their middle lies in an annotated span. */
function fryingScore(truthSpans: Array<[number, number]>, predicted: number[]): { seconds: number; right: number } {
  let right = 0;
  predicted.forEach((p, t) => {
    const mid = t + 0.5;
    const truth = truthSpans.some(([a, b]) => mid >= a && mid < b);
    if (truth === p >= 0.5) right++;
  });
  return { seconds: predicted.length, right };
}

const rows: Row[] = [];
for (const [name, a] of Object.entries(annotations.files)) {
  const file = path.join(dir, name);
  const t0 = performance.now();
  if (!existsSync(file)) {
    rows.push({ file: name, kind: SOUND_ONLY.test(name) ? 'sound' : 'video', ms: 0, durationSec: 0, error: 'missing' });
    continue;
  }
  if (SOUND_ONLY.test(name)) {
    const sound = await analyzeAudioFile(file);
    const predicted = sound.seconds.map((w) => w.frying);
    rows.push({
      file: name,
      kind: 'sound',
      ms: Math.round(performance.now() - t0),
      durationSec: Math.round(sound.durationSec * 10) / 10,
      frying: fryingScore(a.frying ?? [], predicted),
      detail: `frying/s ${predicted.map((p) => p.toFixed(2)).join(' ')}; kinds ${sound.seconds.map((w) => w.kind).join(',')}`,
    });
    continue;
  }
  try {
    const out = await analyzeFile(file, { analyzer, rubric, principles });
    const r = out.result;
    const abstainExpected = a.abstain ?? a.cooking === false;
    const abstained = r.coachable === false;
    // An abstention is right only if nothing confident is said: no key moment, no diagnosis.
    const abstainRight = abstainExpected ? abstained && r.keyMoments.length === 0 && r.diagnosis === null : !abstained;
    const truth = a.events ?? [];
    const found = r.events;
    const row: Row = {
      file: name,
      kind: 'video',
      ms: Math.round(performance.now() - t0),
      durationSec: Math.round(out.probe.durationSec * 10) / 10,
      abstainExpected,
      abstained,
      abstainReason: r.abstain?.reason ?? null,
      abstainRight,
      events: {
        truth: truth.length,
        found: found.length,
        recalled: truth.filter((e) => found.some((f) => near(f.t, e))).length,
        recalledSameType: truth.filter((e) => found.some((f) => f.type === e.type && near(f.t, e))).length,
        precise: found.filter((f) => truth.some((e) => near(f.t, e))).length,
        preciseSameType: found.filter((f) => truth.some((e) => f.type === e.type && near(f.t, e))).length,
      },
      detail: `${out.signals.sampling.mode} ${out.signals.sampling.fineStepSec}s; events ${found.map((e) => `${e.type}@${e.t}`).join(' ') || '-'}; moments ${r.keyMoments.map((m) => m.at).join(' ') || '-'}; diagnosis ${r.diagnosis ? `${r.diagnosis.code} (${r.diagnosis.confidence ?? '?'})` : '-'}`,
    };
    if (a.covered) {
      const inside = (t: number) => a.covered!.some(([s, e]) => t >= s && t < e);
      row.claimsInCovered = found.filter((f) => inside(f.t)).length + r.keyMoments.filter((m) => inside(m.at ?? m.start)).length;
    }
    if (out.signals.hasAudio && (a.frying || a.cooking === false)) {
      row.frying = fryingScore(a.frying ?? [], out.seconds.map((s) => s.frying ?? 0));
    }
    rows.push(row);
  } catch (error) {
    // A file that is not playable video: right when it was expected to be abstained on/refused.
    const reason = isMediaError(error) ? error.messages.en : (error as Error).message;
    const expected = a.abstain ?? a.cooking === false;
    rows.push({ file: name, kind: 'video', ms: Math.round(performance.now() - t0), durationSec: 0, abstainExpected: expected, abstained: true, abstainReason: 'refused', abstainRight: expected, error: reason });
  }
}

const sum = (f: (r: Row) => number) => rows.reduce((acc, r) => acc + f(r), 0);
const ev = {
  truth: sum((r) => r.events?.truth ?? 0),
  found: sum((r) => r.events?.found ?? 0),
  recalled: sum((r) => r.events?.recalled ?? 0),
  recalledSameType: sum((r) => r.events?.recalledSameType ?? 0),
  precise: sum((r) => r.events?.precise ?? 0),
  preciseSameType: sum((r) => r.events?.preciseSameType ?? 0),
};
const abst = rows.filter((r) => r.abstainRight !== undefined);
const pct = (a: number, b: number) => (b ? `${((a / b) * 100).toFixed(0)}% (${a}/${b})` : 'n/a');
const overall = {
  eventRecall: pct(ev.recalled, ev.truth),
  eventRecallSameType: pct(ev.recalledSameType, ev.truth),
  eventPrecision: pct(ev.precise, ev.found),
  eventPrecisionSameType: pct(ev.preciseSameType, ev.found),
  abstentionRight: pct(abst.filter((r) => r.abstainRight).length, abst.length),
  fryingPerSecondAccuracy: pct(sum((r) => r.frying?.right ?? 0), sum((r) => r.frying?.seconds ?? 0)),
  claimsInCovered: sum((r) => r.claimsInCovered ?? 0),
  totalMs: sum((r) => r.ms),
  videoSeconds: Math.round(sum((r) => r.durationSec) * 10) / 10,
};

if (values.json) {
  console.log(JSON.stringify({ dir, rows, overall }, null, 2));
} else {
  console.log(`| file | events recall (same type) | precision (same type) | abstain expected → got | frying/s | time |`);
  console.log(`|---|---|---|---|---|---|`);
  for (const r of rows) {
    const e = r.events;
    console.log(
      `| ${r.file} | ${e ? `${e.recalled}/${e.truth} (${e.recalledSameType})` : '–'} | ${e ? `${e.precise}/${e.found} (${e.preciseSameType})` : '–'} | ${r.abstainExpected === undefined ? '–' : `${r.abstainExpected ? 'abstain' : 'coach'} → ${r.abstained ? `abstain:${r.abstainReason}` : 'coach'} ${r.abstainRight ? '✓' : '✗'}`} | ${r.frying ? `${r.frying.right}/${r.frying.seconds}` : '–'} | ${(r.ms / 1000).toFixed(1)} s / ${r.durationSec} s |`,
    );
  }
  console.log('');
  for (const r of rows) if (r.detail || r.error) console.log(`- ${r.file}: ${r.error ? `ERROR ${r.error}` : r.detail}${r.claimsInCovered !== undefined ? `; claims inside covered spans ${r.claimsInCovered}` : ''}`);
  console.log('');
  console.log(`Overall: events recall ${overall.eventRecall} (same type ${overall.eventRecallSameType}), precision ${overall.eventPrecision} (same type ${overall.eventPrecisionSameType}); abstention right ${overall.abstentionRight}; frying-vs-not per second ${overall.fryingPerSecondAccuracy}; claims inside covered spans ${overall.claimsInCovered}; ${(overall.totalMs / 1000).toFixed(1)} s for ${overall.videoSeconds} s of media.`);
}
