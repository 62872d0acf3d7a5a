import type { AnalysisResult } from '../../../domain/analysis';
import { FINDING_TEXT } from '../../analysis/finding-text';
import { isDeepStrictEqual } from 'node:util';
import { redraftScript, type RedraftInput } from '../redraft-script';
import { parseSendBack, type SendBackOperation } from '../send-back-operations';
import instructions from './send-back-instructions.json' with { type: 'json' };

/**
 * The session the send-back evaluation redrafts: fried rice, a 60 s video, the draft built around
 * the egg going in at 0:41 (clip 38–53 s), a second candidate at 10–25 s, and the weaker findings
 * the analyzer measured besides its diagnosis.
 */
const b = (ja: string, en: string) => ({ ja, en });

export const EVAL_ANALYSIS: AnalysisResult = {
  events: [
    { t: 12, type: 'oil_heating', confidence: 0.7 },
    { t: 41, type: 'ingredient_added', confidence: 0.8 },
  ],
  keyMoments: [
    {
      at: 41,
      start: 38,
      end: 53,
      reason: b('0:41 卵を入れた瞬間、音が弱い', '0:41 the egg goes in and the sizzle is weak'),
      cue: { sound: b('ジュッという音', 'the sizzle'), sight: b('鍋の表面', 'the pan surface') },
      score: 0.8,
    },
    { at: 13, start: 10, end: 25, reason: b('0:13 油を熱している', '0:13 the oil heats'), cue: { sight: b('油の表面のゆらぎ', 'the shimmer of the oil') }, score: 0.5 },
  ],
  diagnosis: {
    code: 'pan_not_hot',
    problem: FINDING_TEXT.pan_not_hot.problem,
    why: FINDING_TEXT.pan_not_hot.why,
    evidence: [{ ja: '0:41 入れた瞬間の音が 3.7 dB しか上がりませんでした', en: 'At 0:41 the sizzle rose only 3.7 dB', start: 41, end: 42, signal: 'sizzle', value: 3.7 }],
  },
  findings: [
    { code: 'pan_not_hot', score: 0.7 },
    { code: 'heat_too_low', score: 0.4, evidence: [{ ja: '調理中の音は静かな鍋より平均 2 dB 大きいだけでした', en: 'Through the cook the sizzle stood only 2 dB above the quiet pan', start: 30, end: 58, signal: 'sizzle', value: 2 }] },
    { code: 'not_moving', score: 0.3, evidence: [{ ja: '0:45〜0:52 鍋の中が動いていません', en: 'The pan sat still 0:45–0:52', start: 45, end: 52, signal: 'pan_activity', value: 7 }] },
  ],
};

export const EVAL_INPUT: Omit<RedraftInput, 'instructions'> = {
  learnerName: 'あいこ',
  attemptNumber: 3,
  dish: b('チャーハン', 'Fried rice'),
  corePrinciple: {
    slug: 'fried-rice-hot-pan',
    title: b('鍋をしっかり熱してから油', 'Heat the pan before the oil'),
    skill: b('煙が少し立つまで鍋を熱します。油はそのあと。', 'Heat the pan until it just smokes. Oil comes after.'),
    why: b('熱い鍋は米の表面の水分を一瞬で飛ばします。', 'A hot pan drives the moisture off the rice at once.'),
  },
  principles: [
    { slug: 'preheat-pan', title: b('予熱してから入れる', 'Preheat before anything goes in'), nextAction: b('入れる前に水滴を落として確かめる。', 'Flick a drop of water in before anything goes in.'), addresses: ['pan_not_hot'] },
    { slug: 'dont-overcrowd', title: b('一度に入れすぎない', "Don't overcrowd the pan"), nextAction: b('半分ずつ入れる。', 'Add it in two halves.'), addresses: ['heat_dropped'] },
    { slug: 'fried-rice-press-and-toss', title: b('押さえてあおる', 'Press and toss'), nextAction: b('押さえて、返して、あおる。', 'Press, turn, toss.'), addresses: ['not_moving'] },
  ],
  analysis: EVAL_ANALYSIS,
  clip: { start: 38, end: 53 },
  sourceDurationSec: 60,
};

export interface EvalInstruction {
  lang: 'ja' | 'en';
  text: string;
  /** null: no operation exists for it; it is for hand editing. */
  expected: SendBackOperation[] | null;
  /** dev: written with the parser; held-out: written afterwards, not tuned on. */
  set: 'dev' | 'held-out';
}

export const EVAL_INSTRUCTIONS = instructions.instructions as EvalInstruction[];

export interface EvalRow {
  text: string;
  expected: SendBackOperation[] | null;
  read: SendBackOperation[];
  /** The operations read are the ones expected (none, for a hand-editing instruction). */
  readRight: boolean;
  /** Read right and every operation changed the draft (nothing left for hand editing). */
  applied: boolean;
}

/** Redrafts the fixture session once per instruction and scores what the drafter did with it. */
export function evaluateSendBack(list: EvalInstruction[] = EVAL_INSTRUCTIONS): { rows: EvalRow[]; appliedShare: number; readShare: number; handEditHonest: number } {
  const rows = list.map((item): EvalRow => {
    const read = parseSendBack(item.text, [EVAL_INPUT.corePrinciple, ...EVAL_INPUT.principles]).operations.map((o) => o.op);
    const readRight = isDeepStrictEqual(read, item.expected ?? []);
    const { report } = redraftScript({ ...EVAL_INPUT, instructions: item.text });
    const applied = item.expected !== null && readRight && report.notApplied.length === 0 && report.applied.length > 0;
    return { text: item.text, expected: item.expected, read, readRight, applied };
  });
  const handEdit = rows.filter((r) => r.expected === null);
  return {
    rows,
    appliedShare: rows.filter((r) => r.applied).length / rows.length,
    readShare: rows.filter((r) => r.readRight).length / rows.length,
    handEditHonest: handEdit.length ? handEdit.filter((r) => r.readRight).length / handEdit.length : 1,
  };
}
