import type { AnalysisResult, Diagnosis, KeyMoment } from '../../domain/analysis';
import type { FindingCode } from '../../domain/findings';
import type { Bilingual } from '../../models/principle';
import { FINDING_TEXT } from '../analysis/finding-text';
import { clock } from '../analysis/signal-math';
import { composeNarrationScript, DEFAULT_STYLE, narrationScriptSchema, type NarrationScript, type ScriptStyle } from './narration-script';
import { applyReplacements, type AppliedInstruction, type InstructionReport } from './script-instructions';
import { parseSendBack, type SendBackOperation } from './send-back-operations';

export interface RedraftPrinciple {
  slug: string;
  title: Bilingual;
  nextAction: Bilingual;
  addresses: string[];
  why?: Bilingual | null | undefined;
}

export interface RedraftInput {
  learnerName: string;
  attemptNumber: number;
  dish: Bilingual;
  corePrinciple: { slug: string; title: Bilingual; skill: Bilingual; why?: Bilingual | null | undefined };
  /** The other principles the script may build on: retrieved for this session first, then the dish's. */
  principles: RedraftPrinciple[];
  analysis: AnalysisResult;
  /** The clip of the version sent back. */
  clip: { start: number; end: number };
  /** The source video's length (null when unknown): a clip never runs past it. */
  sourceDurationSec: number | null;
  instructions: string;
}

export interface Redraft {
  script: NarrationScript;
  clip: { start: number; end: number };
  /** The diagnosis the script now speaks to (the analysis' own unless a coach changed it). */
  diagnosisCode: FindingCode | null;
  report: InstructionReport;
}

type StyleOp = Extract<SendBackOperation, { kind: 'length' | 'name' | 'emphasis' | 'focus_principle' }>;

const MIN_CLIP = 4;
const MAX_CLIP = 60;
const DEFAULT_STEP = 5;

/**
 * The offline drafter's next version after a send back: the instructions are read into
 * operations, each applied to the diagnosis, the clip, the script's style or its lines, and a
 * sentence is reported as applied only when it changed the draft; everything else is listed for
 * hand editing.
 */
export function redraftScript(input: RedraftInput): Redraft {
  const all = [{ slug: input.corePrinciple.slug, title: input.corePrinciple.title }, ...input.principles];
  const parsed = parseSendBack(input.instructions, all);
  const applied: AppliedInstruction[] = [];
  const notApplied: string[] = [...parsed.notUnderstood];
  const done = (op: SendBackOperation, source: string, detail: string) => applied.push({ kind: op.kind, source, detail });

  let analysis = input.analysis;
  let clip = { ...input.clip };
  const styleOps: Array<{ op: StyleOp; source: string }> = [];
  const replacements: Array<{ from: string; to: string; source: string }> = [];
  const drops: Array<{ op: Extract<SendBackOperation, { kind: 'drop_line' }>; source: string }> = [];

  for (const { op, source } of parsed.operations) {
    if (op.kind === 'diagnosis') {
      const before = analysis.diagnosis?.code;
      analysis = { ...analysis, diagnosis: diagnosisFor(op.finding, analysis, input.principles) };
      done(op, source, before === op.finding ? `${op.finding} (already the diagnosis)` : `${before ?? 'none'} → ${op.finding}`);
    } else if (op.kind === 'clip' || (op.kind === 'length' && op.part === 'clip')) {
      const next = placeClip(op, analysis, clip, input.sourceDurationSec);
      if (next) {
        done(op, source, next.detail);
        clip = next.clip;
      } else notApplied.push(source);
    } else if (op.kind === 'replace') replacements.push({ ...op, source });
    else if (op.kind === 'length' && op.part === 'part2' && op.change === 'longer') {
      // More to say over the clip needs more of the clip: it runs a little longer where the video allows.
      clip = fitClip(clip.start, Math.min(clip.start + MAX_CLIP, clip.end + DEFAULT_STEP), input.sourceDurationSec);
      styleOps.push({ op, source });
    }
    else if (op.kind === 'drop_line') drops.push({ op, source });
    else styleOps.push({ op, source });
  }

  const diagnosisChanged = analysis.diagnosis?.code !== input.analysis.diagnosis?.code;
  const moment = momentFor(clip, analysis, diagnosisChanged ? input.analysis.diagnosis : null);
  const compose = (ops: Array<{ op: StyleOp }>) => {
    const { style, focusSlug } = styleOf(ops.map((o) => o.op));
    const named = focusSlug ? input.principles.find((p) => p.slug === focusSlug) : undefined;
    const addressing = input.principles.find((p) => p.addresses.includes(analysis.diagnosis?.code ?? ''));
    // Without a principle for a diagnosis a coach chose, the rule is the dish's core skill.
    const focus = named ?? addressing ?? (diagnosisChanged ? null : (input.principles[0] ?? null));
    return composeNarrationScript({
      learnerName: input.learnerName,
      attemptNumber: input.attemptNumber,
      dish: input.dish,
      corePrinciple: { title: input.corePrinciple.title, skill: input.corePrinciple.skill, why: input.corePrinciple.why ?? undefined },
      focusPrinciple: focus ? { title: focus.title, nextAction: focus.nextAction } : null,
      analysis,
      keyMoment: moment,
      style,
    });
  };
  let script = compose(styleOps);
  // A style operation counts as applied only when the draft differs without it (e.g. no sound cue to lead with).
  const drafted = JSON.stringify(script);
  for (const [i, s] of styleOps.entries()) {
    // Calling the cook by name (or not) is done when the draft does so, whatever the first draft did.
    const satisfied = s.op.kind === 'name' ? drafted.includes(input.learnerName) === s.op.use : JSON.stringify(compose(styleOps.filter((_, j) => j !== i))) !== drafted;
    if (satisfied) done(s.op, s.source, describeStyle(s.op));
    else notApplied.push(s.source);
  }

  const replaced = applyReplacements(script, replacements);
  script = replaced.script;
  applied.push(...replaced.applied);
  notApplied.push(...replaced.notApplied);
  for (const { op, source } of drops) {
    const next = dropLine(script, op.target);
    if (next) {
      script = next.script;
      done(op, source, next.detail);
    } else notApplied.push(source);
  }
  return {
    script: narrationScriptSchema.parse(script),
    clip,
    diagnosisCode: analysis.diagnosis?.code ?? null,
    report: { drafter: 'offline', applied, notApplied: [...new Set(notApplied)].filter((s) => !applied.some((a) => a.source === s)) },
  };
}

type ClipOp = Extract<SendBackOperation, { kind: 'clip' }> | Extract<SendBackOperation, { kind: 'length' }>;

/** The clip after a clip operation (moved or resized inside the video); null when it cannot be or changes nothing. */
function placeClip(op: ClipOp, analysis: AnalysisResult, clip: { start: number; end: number }, duration: number | null): { clip: { start: number; end: number }; detail: string } | null {
  const next = op.kind === 'clip' ? moveClip(op.target, analysis, clip, duration) : resizeClip(op, clip, duration);
  if (!next || (next.start === clip.start && next.end === clip.end)) return null;
  return { clip: next, detail: `${clock(clip.start)}–${clock(clip.end)} → ${clock(next.start)}–${clock(next.end)}` };
}

/**
 * For a language-model drafter, which rewrites the words itself: the clip operations only (moving
 * or resizing the clip is the product's, the model writes for the clip it is given).
 */
export function clipFromInstructions(input: Pick<RedraftInput, 'analysis' | 'clip' | 'sourceDurationSec' | 'instructions'>): { clip: { start: number; end: number }; applied: AppliedInstruction[] } {
  let clip = { ...input.clip };
  const applied: AppliedInstruction[] = [];
  for (const { op, source } of parseSendBack(input.instructions, []).operations) {
    if (op.kind !== 'clip' && !(op.kind === 'length' && op.part === 'clip')) continue;
    const next = placeClip(op, input.analysis, clip, input.sourceDurationSec);
    if (!next) continue;
    applied.push({ kind: op.kind, source, detail: next.detail });
    clip = next.clip;
  }
  return { clip, applied };
}

function styleOf(ops: StyleOp[]): { style: ScriptStyle; focusSlug: string | null } {
  const style: ScriptStyle = { ...DEFAULT_STYLE, lengths: {} };
  let focusSlug: string | null = null;
  for (const op of ops) {
    if (op.kind === 'name') style.addressByName = op.use;
    else if (op.kind === 'emphasis') style.emphasis = op.cue;
    else if (op.kind === 'focus_principle') focusSlug = op.slug;
    else if (op.change === 'set') continue; // a length in seconds is for the clip only
    else if (op.part === 'all') style.lengths = { principle: op.change, diagnosis: op.change, part2: op.change };
    else if (op.part === 'principle' || op.part === 'diagnosis' || op.part === 'part2' || op.part === 'intro') style.lengths = { ...style.lengths, [op.part]: op.change };
  }
  return { style, focusSlug };
}

function describeStyle(op: StyleOp): string {
  if (op.kind === 'name') return op.use ? 'the cook is called by name' : 'the cook is not called by name';
  if (op.kind === 'emphasis') return `Part 2 leads with the ${op.cue} cue`;
  if (op.kind === 'focus_principle') return op.slug;
  return `${op.part} ${op.change}`;
}

/** The diagnosis a coach chose: the finding's words, the why of a principle addressing it, and the evidence measured for it. */
function diagnosisFor(code: FindingCode, analysis: AnalysisResult, principles: RedraftPrinciple[]): Diagnosis {
  if (analysis.diagnosis?.code === code) return analysis.diagnosis;
  const text = FINDING_TEXT[code];
  const measured = analysis.findings.find((f) => f.code === code);
  const why = principles.find((p) => p.addresses.includes(code) && p.why)?.why ?? text.why;
  return {
    code,
    problem: text.problem,
    why,
    // Nothing measured for it: the claim stands on the coach's judgement, and says so.
    evidence: measured?.evidence?.length ? measured.evidence : [{ ja: 'コーチが映像を見て判断しました。', en: 'A coach judged this from the video.' }],
    ...(measured?.confidence !== undefined ? { confidence: measured.confidence } : {}),
  };
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** The clip a coach pointed at, its length kept; null when it is not there. */
function moveClip(
  target: Extract<SendBackOperation, { kind: 'clip' }>['target'],
  analysis: AnalysisResult,
  clip: { start: number; end: number },
  duration: number | null,
): { start: number; end: number } | null {
  if (target.by === 'candidate') {
    const m = analysis.keyMoments[target.rank - 1];
    return m ? { start: m.start, end: m.end } : null;
  }
  if (target.by === 'next') {
    const m = analysis.keyMoments.find((k) => overlap(k, clip) < 0.5 * (clip.end - clip.start));
    return m ? { start: m.start, end: m.end } : null;
  }
  if (duration !== null && target.seconds >= duration) return null;
  const length = clip.end - clip.start;
  // "At 0:34": the clip opens a little before the moment, as the analyzer's clips do.
  const start = target.anchor === 'from' ? target.seconds : Math.max(0, target.seconds - 3);
  return fitClip(start, start + length, duration);
}

function resizeClip(op: Extract<SendBackOperation, { kind: 'length' }>, clip: { start: number; end: number }, duration: number | null): { start: number; end: number } | null {
  const length = clip.end - clip.start;
  const step = op.seconds?.mode === 'by' ? op.seconds.value : DEFAULT_STEP;
  const wanted = op.seconds?.mode === 'to' ? op.seconds.value : op.change === 'longer' ? length + step : length - step;
  const target = Math.min(MAX_CLIP, Math.max(MIN_CLIP, wanted));
  if (op.change === 'set' ? target === length : op.change === 'longer' ? target <= length : target >= length) return null;
  return fitClip(clip.start, clip.start + target, duration);
}

/** Keeps a window inside the video: one that runs past the end starts earlier instead. */
function fitClip(start: number, end: number, duration: number | null): { start: number; end: number } {
  const r = (x: number) => Math.round(x * 10) / 10;
  if (duration === null || end <= duration) return { start: r(start), end: r(end) };
  return { start: r(Math.max(0, start - (end - duration))), end: r(duration) };
}

/**
 * The key moment for a clip: the candidate it overlaps most (its reason and cues), or the footage
 * at that time with the diagnosis' cues. After a coach changed the diagnosis, cues and a reason
 * taken from the old finding are replaced by the new one's.
 */
export function momentFor(clip: { start: number; end: number }, analysis: AnalysisResult, oldDiagnosis: Diagnosis | null | undefined): KeyMoment {
  const code = analysis.diagnosis?.code;
  const text = code ? FINDING_TEXT[code] : null;
  const best = [...analysis.keyMoments].filter((m) => overlap(m, clip) > 0).sort((a, b) => overlap(b, clip) - overlap(a, clip))[0];
  const base: KeyMoment = best ?? {
    start: clip.start,
    end: clip.end,
    reason: { ja: `${clock(clip.start)}からの場面`, en: `The footage from ${clock(clip.start)}` },
    cue: text ? { sight: text.sight, sound: text.sound } : {},
    score: 0,
  };
  const at = base.at !== undefined && base.at >= clip.start && base.at <= clip.end ? { at: base.at } : {};
  const moment: KeyMoment = { reason: base.reason, cue: base.cue, score: base.score, start: clip.start, end: clip.end, ...at };
  if (!oldDiagnosis || !text) return moment;
  const old = FINDING_TEXT[oldDiagnosis.code];
  const fromOld = base.reason.ja.includes(old.problem.ja) || base.reason.ja.includes(oldDiagnosis.problem.ja);
  return { ...moment, reason: fromOld ? text.problem : moment.reason, cue: { sight: text.sight, sound: text.sound } };
}

const SENTENCES = { ja: (t: string) => t.split(/(?<=。)/).filter((s) => s.trim()), en: (t: string) => t.split(/(?<=[.!?])\s+/).filter((s) => s.trim()) };

/** Drops a Part 2 line (never the closing rule) or the sentence of a spoken line holding a quoted phrase. */
function dropLine(
  script: NarrationScript,
  target: Extract<SendBackOperation, { kind: 'drop_line' }>['target'],
): { script: NarrationScript; detail: string } | null {
  const lines = script.part2;
  const ruleIndex = lines.length - 1;
  const without = (i: number) =>
    i >= 0 && i < ruleIndex ? { script: { ...script, part2: lines.filter((_, j) => j !== i) }, detail: `part 2 line ${i + 1}: ${(lines[i] as { text: Bilingual }).text.ja}` } : null;
  if (target.by === 'position') return without(target.index < 0 ? lines.length + target.index : target.index);
  if (target.by === 'cue') return without(lines.findIndex((l, i) => i < ruleIndex && l.cue === target.cue));
  const i = lines.findIndex((l, j) => j < ruleIndex && (l.text.ja.includes(target.text) || l.text.en.includes(target.text)));
  if (i >= 0) return without(i);
  // A sentence inside a Part 1 or diagnosis line: dropped in both languages when they line up.
  const spoken: Array<{ get: (s: NarrationScript) => Bilingual; set: (s: NarrationScript, t: Bilingual) => NarrationScript; name: string }> = [
    { name: 'intro', get: (s) => s.part1.intro, set: (s, t) => ({ ...s, part1: { ...s.part1, intro: t } }) },
    { name: 'principle', get: (s) => s.part1.principle, set: (s, t) => ({ ...s, part1: { ...s.part1, principle: t } }) },
    { name: 'diagnosis', get: (s) => s.diagnosis, set: (s, t) => ({ ...s, diagnosis: t }) },
  ];
  for (const part of spoken) {
    const line = part.get(script);
    const ja = SENTENCES.ja(line.ja);
    const en = SENTENCES.en(line.en);
    const k = Math.max(ja.findIndex((s) => s.includes(target.text)), en.findIndex((s) => s.includes(target.text)));
    if (k < 0) continue;
    if (ja.length !== en.length || ja.length < 2) return null;
    const kept = { ja: ja.filter((_, j) => j !== k).join('').trim(), en: en.filter((_, j) => j !== k).join(' ').trim() };
    return { script: part.set(script, kept), detail: `${part.name}: ${ja[k]}` };
  }
  return null;
}
