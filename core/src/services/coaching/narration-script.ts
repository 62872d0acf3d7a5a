import { narrationScriptSchema, type NarrationScript } from '../../contracts/narration-script';
import type { AnalysisResult, Diagnosis, KeyMoment } from '../../domain/analysis';
import type { Bilingual } from '../../models/principle';

// The schema lives with the wire contracts: the console checks drafts with the same rules.
export { narrationScriptSchema, type NarrationScript } from '../../contracts/narration-script';

export const PIVOT_LINE: Bilingual = { ja: '動画を使ってそのポイントを見てみましょう。', en: "Let's look at that point in your video." };

/**
 * The offline draft: Part 1 introduces the session and the dish's core principle, the diagnosis
 * speaks to the cook by name with the why, and Part 2 points at what to see and hear in their
 * own clip, ending with the decisive rule.
 */
export function composeNarrationScript(input: {
  learnerName: string;
  attemptNumber: number;
  dish: Bilingual;
  corePrinciple: { title: Bilingual; skill: Bilingual; why?: Bilingual | undefined };
  focusPrinciple: { title: Bilingual; nextAction: Bilingual } | null;
  analysis: AnalysisResult;
  keyMoment: KeyMoment;
  /** How a coach asked for the draft to be written (see redraft-script.ts); default: as drafted first. */
  style?: ScriptStyle | undefined;
}): NarrationScript {
  const { analysis, keyMoment: m } = input;
  if (!analysis.diagnosis) throw new Error('A narration needs a diagnosis: this analysis could not coach the clip.');
  const diagnosis = analysis.diagnosis;
  const style = { ...DEFAULT_STYLE, ...input.style };
  const lengths = style.lengths;
  const clip = m.end - m.start;
  const eventOffset = Math.min(3, Math.max(0.5, clip / 5)); // the analyzer starts clips ~3 s before the event
  const rule = shorten(input.focusPrinciple?.nextAction ?? input.corePrinciple.skill);
  // Wanted lines in order, each at the earliest moment it makes sense; spaced by how long they take to say.
  const opening = { at: 0.5, text: { ja: `${m.reason.ja.replace(/^\d+:\d+\s*/, '')}です。`, en: `${m.reason.en.replace(/^\d+:\d+\s*/, '')}.` }, cue: 'sight' as const };
  const sound = m.cue.sound ? { at: eventOffset + 0.5, text: { ja: `${m.cue.sound.ja}を聞いてください。`, en: `Listen to ${m.cue.sound.en}.` }, cue: 'sound' as const } : null;
  const sight = m.cue.sight ? { at: eventOffset + 4.5, text: { ja: `${m.cue.sight.ja}に注目。`, en: `Watch ${m.cue.sight.en}.` }, cue: 'sight' as const } : null;
  let wanted: Array<{ at: number; text: Bilingual; cue: 'sight' | 'sound' | 'rule' }> = [opening, ...(sound ? [sound] : []), ...(sight ? [sight] : [])];
  // Emphasis: the emphasised cue opens Part 2 at the event itself, ahead of everything else.
  const stressed = style.emphasis === 'sound' ? sound : style.emphasis === 'sight' ? sight : null;
  if (stressed) wanted = [{ ...stressed, at: 0.5 }, ...wanted.filter((w) => w !== stressed).map((w) => ({ ...w, at: Math.max(w.at, eventOffset + 0.5) }))];
  // Shorter: one pointer and the rule. Longer: the measured evidence inside the clip is pointed at too.
  if (lengths.part2 === 'shorter') wanted = wanted.slice(0, 1);
  if (lengths.part2 === 'longer') wanted = [...wanted, ...evidenceLines(diagnosis.evidence, m)].sort((a, b) => a.at - b.at);
  const part2 = spaceLines(wanted, rule, clip);

  const coreWhy = input.corePrinciple.why;
  const skill =
    lengths.principle === 'shorter' ? shorten(input.corePrinciple.skill) : lengths.principle === 'longer' && coreWhy ? join(input.corePrinciple.skill, coreWhy) : input.corePrinciple.skill;
  const evidence = diagnosis.evidence.slice(0, 2);
  // Shorter: the first sentence of the why; a one-sentence why leaves the problem alone.
  const whyShort = shorten(diagnosis.why);
  const why =
    lengths.diagnosis === 'shorter'
      ? whyShort.ja === diagnosis.why.ja.trim() || whyShort.en === diagnosis.why.en.trim()
        ? { ja: '', en: '' }
        : whyShort
      : lengths.diagnosis === 'longer' && evidence.length
        ? join(diagnosis.why, { ja: `根拠：${evidence.map((e) => e.ja.replace(/。$/, '')).join('、')}。`, en: `What shows it: ${evidence.map((e) => e.en.replace(/\.$/, '')).join('; ')}.` })
        : diagnosis.why;
  const callJa = style.addressByName ? `${input.learnerName}さん、` : '';
  const callEn = style.addressByName ? `${input.learnerName}, ` : '';
  return narrationScriptSchema.parse({
    part1: {
      intro:
        lengths.intro === 'shorter'
          ? { ja: `${callJa}${input.dish.ja}、${input.attemptNumber}回目です。`, en: `${callEn}${input.dish.en} session ${input.attemptNumber}.` }
          : {
              ja: `${callJa}${input.dish.ja}の${input.attemptNumber}回目のセッションです。`,
              en: `${callEn ? `${callEn}this` : 'This'} is session ${input.attemptNumber} of your ${input.dish.en.toLowerCase()}.`,
            },
      principle: { ja: `${input.dish.ja}の基本は「${input.corePrinciple.title.ja}」。${skill.ja}`, en: `The heart of ${input.dish.en.toLowerCase()}: ${input.corePrinciple.title.en}. ${skill.en}` },
    },
    diagnosis: {
      ja: `${callJa}今回は${diagnosis.problem.ja}${why.ja}`,
      en: `${callEn}${callEn ? 'this' : 'This'} time: ${diagnosis.problem.en} ${why.en}`.trim(),
    },
    pivot: PIVOT_LINE,
    part2,
  });
}

/** What a coach's instructions can change in the offline draft. */
export interface ScriptStyle {
  /** The cue Part 2 leads with. */
  emphasis: 'sound' | 'sight' | null;
  /** Parts to say shorter (first sentences; one pointer before the rule) or longer (the why, the evidence). */
  lengths: Partial<Record<'intro' | 'principle' | 'diagnosis' | 'part2', 'shorter' | 'longer'>>;
  /** Address the cook by name in the intro and the diagnosis. */
  addressByName: boolean;
}

export const DEFAULT_STYLE: ScriptStyle = { emphasis: null, lengths: {}, addressByName: true };

/** Rough spoken length (Japanese ≈ 5 characters a second as espeak-ng reads it, English ≈ 2.5 words a second), for spacing a draft. */
export function estimateSpeechSeconds(text: Bilingual): number {
  return Math.max(text.ja.length / 5, text.en.split(/\s+/).length / 2.5) + 0.3;
}

/**
 * Places the lines one after another without overlap and ends on the rule, which must finish
 * inside the clip; a middle line that no longer fits is dropped rather than crowded in.
 */
function spaceLines(wanted: Array<{ at: number; text: Bilingual; cue: 'sight' | 'sound' | 'rule' }>, rule: Bilingual, clip: number): NarrationScript['part2'] {
  const ruleAt = Math.max(0, clip - estimateSpeechSeconds(rule) - 0.2);
  const lines: NarrationScript['part2'] = [];
  let free = 0;
  for (const w of wanted) {
    const at = Math.max(w.at, free);
    if (at + estimateSpeechSeconds(w.text) > ruleAt) continue;
    lines.push({ offset: round(at), text: w.text, cue: w.cue });
    free = at + estimateSpeechSeconds(w.text);
  }
  lines.push({ offset: round(Math.max(ruleAt, free, lines.length ? (lines[lines.length - 1] as { offset: number }).offset + 0.1 : 0)), text: rule, cue: 'rule' });
  return lines;
}

/** Lines pointing at the diagnosis' measured evidence that happened inside the clip. */
function evidenceLines(evidence: Diagnosis['evidence'], m: KeyMoment): Array<{ at: number; text: Bilingual; cue: 'sight' | 'sound' }> {
  return evidence
    .filter((e) => e.start !== undefined && e.start >= m.start && e.start < m.end)
    .slice(0, 2)
    .map((e) => ({ at: (e.start as number) - m.start + 0.3, text: { ja: e.ja.endsWith('。') ? e.ja : `${e.ja}。`, en: e.en }, cue: e.signal === 'sizzle' || e.signal === 'frying' ? ('sound' as const) : ('sight' as const) }));
}

function join(a: Bilingual, b: Bilingual): Bilingual {
  return { ja: `${a.ja}${b.ja}`.slice(0, 400), en: `${a.en} ${b.en}`.slice(0, 700) };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The first sentence: a rule to remember, not a paragraph. */
function shorten(text: Bilingual): Bilingual {
  const ja = (text.ja.split('。')[0] ?? text.ja).slice(0, 120);
  const en = (text.en.split(/(?<=\.)\s/)[0] ?? text.en).slice(0, 200);
  return { ja: ja.endsWith('。') ? ja : `${ja}。`, en };
}
