import type { FindingCode } from '../../domain/findings';
import type { DishRubric } from '../../domain/rubric';
import type { DetectedEvents, SignalSeries } from './detect-events';
import { clamp01, clock, longestRun, quantile, windowMean } from './signal-math';

export interface Finding {
  code: FindingCode;
  score: number; // 0..1
  /** Where in the video it shows best (seconds), for the key moment. */
  at: number | null;
  /** What was measured, in words a cook understands, with the numbers; `signal: 'note'` marks the cook's own words. */
  evidence: Array<{ ja: string; en: string; signal?: 'note' }>;
  /** The measured signal behind the first evidence line, and its span (seconds). */
  span: { start: number; end: number; signal: 'sizzle' | 'pan_activity' | 'duration'; value: number } | null;
}

const RATING_HINTS: Record<string, FindingCode[]> = {
  doneness: ['too_short', 'too_long_on_heat'],
  texture: ['pan_not_hot', 'heat_dropped'],
};

/**
 * Scores every finding from the signals, the dish rubric, the note and the self-ratings.
 * Findings the rubric does not watch for this dish count at half weight.
 */
export function scoreFindings(input: {
  series: SignalSeries;
  detected: DetectedEvents;
  rubric: DishRubric;
  note: string | null;
  transcript: string | null;
  selfRatings: Record<string, number>;
}): Finding[] {
  const { series: s, detected: d, rubric } = input;
  const findings: Finding[] = [];
  const cookLen = d.cooking.end - d.cooking.start + 1;
  const add = d.addTime;

  if (s.hasAudio && rubric.sizzleExpected) {
    // pan_not_hot: the ingredients went in and the pan barely answered.
    if (add !== null) {
      const riseDb = d.addSizzleRise;
      // Louder is not hotter when what got louder is not frying (a tap, a fan): no crackle, no hot pan.
      const silentPan = d.addFryingHeard === false;
      findings.push({
        code: 'pan_not_hot',
        score: silentPan ? Math.max(0.7, clamp01((9 - riseDb) / 9)) : clamp01((9 - riseDb) / 9),
        at: add,
        span: { start: Math.max(0, add - 6), end: add + 5, signal: 'sizzle', value: round1(riseDb) },
        evidence: [
          silentPan
            ? {
                ja: `${clock(add)} に具材を入れた後、パチパチという焼ける音が聞こえませんでした（高い音の変化 ${riseDb.toFixed(1)} dB）。`,
                en: `After the ingredients went in at ${clock(add)}, no frying crackle was heard (the high band changed ${riseDb.toFixed(1)} dB).`,
              }
            : {
                ja: `${clock(add)} に具材を入れた直後、ジュッという高い音は ${riseDb.toFixed(1)} dB しか上がりませんでした（よく熱した鍋なら 10 dB 以上）。`,
                en: `When the ingredients went in at ${clock(add)}, the high sizzle rose only ${riseDb.toFixed(1)} dB (a properly hot pan gives 10 dB or more).`,
              },
        ],
      });
      // heat_dropped: it answered, then collapsed and stayed down.
      const peak = windowMean(s.sizzle, add + 1, add + 5);
      let dropAt: number | null = null;
      // Only soon after the add, while the cook keeps working the pan: the sizzle fading when the
      // heat goes off at the end is not a drop.
      for (let t = add + 5; t < Math.min(s.n - 5, add + 25); t++) {
        if (peak - windowMean(s.sizzle, t, t + 5) >= 10 && windowMean(s.motion, t, t + 10) >= d.motionThreshold * 0.8) {
          dropAt = t;
          break;
        }
      }
      const drop = dropAt === null ? 0 : peak - windowMean(s.sizzle, dropAt, dropAt + 10);
      findings.push({
        code: 'heat_dropped',
        score: dropAt === null ? 0 : clamp01((drop - 6) / 12),
        at: dropAt,
        span: dropAt === null ? null : { start: add + 1, end: dropAt + 10, signal: 'sizzle', value: round1(-drop) },
        evidence:
          dropAt === null
            ? [{ ja: '具材を入れた後も音の勢いは保たれていました。', en: 'The sizzle held up after the ingredients went in.' }]
            : [
                {
                  ja: `${clock(dropAt)} 頃から音が ${drop.toFixed(0)} dB 落ち、勢いが戻りませんでした。`,
                  en: `From about ${clock(dropAt)} the sizzle fell ${drop.toFixed(0)} dB and did not come back.`,
                },
              ],
      });
    }
    // heat_too_low: through the cook, the sizzle hardly stood above the quiet pan.
    const cookingSizzle = quantile(s.sizzle.slice(d.cooking.start, d.cooking.end + 1), 0.5);
    const gap = cookingSizzle - d.sizzleFloor;
    findings.push({
      code: 'heat_too_low',
      score: clamp01((10 - gap) / 10) * (cookLen >= 20 ? 1 : 0.5),
      at: d.cooking.start + Math.floor(cookLen / 2),
      span: { start: d.cooking.start, end: d.cooking.end + 1, signal: 'sizzle', value: round1(gap) },
      evidence: [
        {
          ja: `調理中の音は静かな鍋より平均 ${gap.toFixed(1)} dB 大きいだけでした。`,
          en: `While cooking, the sizzle was on average only ${gap.toFixed(1)} dB above the quiet pan.`,
        },
      ],
    });
    // scorch_risk: loud frying with nobody touching the food in the last quarter.
    const lastQuarter = Math.max(d.cooking.start, d.cooking.end - Math.floor(cookLen / 4));
    const [qs, ql] = longestRun(d.cooking.end - lastQuarter + 1, (i) => {
      const t = lastQuarter + i;
      return (s.sizzle[t] as number) >= d.sizzleHigh && (s.motion[t] as number) < d.motionThreshold;
    });
    findings.push({
      code: 'scorch_risk',
      score: rubric.motion === 'still' ? clamp01((ql - 30) / 40) : clamp01((ql - 8) / 20),
      at: ql ? lastQuarter + qs : null,
      span: ql ? { start: lastQuarter + qs, end: lastQuarter + qs + ql, signal: 'pan_activity', value: ql } : null,
      evidence: [
        {
          ja: `終盤、強い音のまま ${ql} 秒間ほとんど動かしていませんでした。`,
          en: `Near the end it fried loudly for ${ql} s without being moved.`,
        },
      ],
    });
  }

  // not_moving / moved_too_much, measured inside the cooking stretch.
  const moving = (t: number) => (s.motion[t] as number) >= d.motionThreshold;
  const [idleStart, idleLen] = longestRun(cookLen, (i) => s.visible[d.cooking.start + i] === true && !moving(d.cooking.start + i));
  let movingSeconds = 0;
  for (let t = d.cooking.start; t <= d.cooking.end; t++) if (moving(t)) movingSeconds++;
  const movingShare = cookLen ? movingSeconds / cookLen : 0;
  findings.push({
    code: 'not_moving',
    score: rubric.motion === 'constant' ? clamp01((idleLen - 8) / 20) : rubric.motion === 'intermittent' ? clamp01((idleLen - 25) / 40) : 0,
    at: idleLen ? d.cooking.start + idleStart : null,
    span: idleLen ? { start: d.cooking.start + idleStart, end: d.cooking.start + idleStart + idleLen, signal: 'pan_activity', value: idleLen } : null,
    evidence: [
      {
        ja: `${clock(d.cooking.start + idleStart)} から ${idleLen} 秒間、鍋の中がほとんど動いていませんでした。`,
        en: `From ${clock(d.cooking.start + idleStart)} the pan sat untouched for ${idleLen} s.`,
      },
    ],
  });
  findings.push({
    code: 'moved_too_much',
    score: rubric.motion === 'still' ? clamp01((movingShare - 0.25) / 0.4) : rubric.motion === 'intermittent' ? clamp01((movingShare - 0.7) / 0.3) : 0,
    at: d.cooking.start,
    span: { start: d.cooking.start, end: d.cooking.end + 1, signal: 'pan_activity', value: Math.round(movingShare * 100) / 100 },
    evidence: [
      {
        ja: `焼いている時間の ${(movingShare * 100).toFixed(0)}% で具材を動かしていました。`,
        en: `The food was being moved ${(movingShare * 100).toFixed(0)}% of the cooking time.`,
      },
    ],
  });

  // Duration against what the dish needs.
  const [minS, maxS] = rubric.expectedSeconds;
  findings.push({
    code: 'too_long_on_heat',
    score: clamp01((cookLen / maxS - 1.2) / 0.8),
    at: d.cooking.end,
    span: { start: d.cooking.start, end: d.cooking.end + 1, signal: 'duration', value: cookLen },
    evidence: [{ ja: `加熱時間はおよそ ${clock(cookLen)}（目安 ${clock(minS)}〜${clock(maxS)}）。`, en: `It cooked for about ${clock(cookLen)} (the dish needs ${clock(minS)}–${clock(maxS)}).` }],
  });
  findings.push({
    code: 'too_short',
    score: clamp01((0.7 - cookLen / minS) / 0.5),
    at: d.cooking.end,
    span: { start: d.cooking.start, end: d.cooking.end + 1, signal: 'duration', value: cookLen },
    evidence: [{ ja: `加熱時間はおよそ ${clock(cookLen)}（目安 ${clock(minS)}〜${clock(maxS)}）。`, en: `It cooked for about ${clock(cookLen)} (the dish needs ${clock(minS)}–${clock(maxS)}).` }],
  });

  // The cook's note and memo are read in cook-words.ts (checked against these findings); low ratings nudge.
  for (const [rating, codes] of Object.entries(RATING_HINTS)) {
    const value = input.selfRatings[rating];
    if (value === undefined || value > 2) continue; // ratings are 1–5; only a low one says something
    for (const f of findings) if (codes.includes(f.code)) f.score = clamp01(f.score + 0.1);
  }

  // A pan that was cold when the food went in also fries quietly afterwards: one cause, named at its root.
  const cold = findings.find((f) => f.code === 'pan_not_hot');
  const low = findings.find((f) => f.code === 'heat_too_low');
  if (cold && low && cold.score >= 0.4) low.score *= 1 - cold.score * 0.5;

  for (const f of findings) {
    if (!rubric.watchFor.includes(f.code)) f.score *= 0.5;
    else f.score *= 1 - rubric.watchFor.indexOf(f.code) * 0.04; // the rubric's order breaks near-ties
  }
  return findings.sort((a, b) => b.score - a.score);
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
