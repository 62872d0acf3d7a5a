import type { AbstainReason, Evidence } from '../../domain/analysis';
import { MIN_COACHABLE_CLIP_SEC } from '../../domain/coaching-limits';
import { visibleAt, type FineTrack } from './fine-track';
import type { HeatAndStretch } from './heat-and-stretch';
import type { PanActivity } from './pan-activity';
import { clock } from './signal-math';

/**
 * "Is anything cooking here, and can it be judged?" The analyzer coaches only when:
 * - the clip is at least MIN_CLIP_SEC long (an action and its effect on the pan take seconds);
 * - at least MIN_VISIBLE_SHARE of it shows the scene (not covered, not too dark);
 * - cooking is seen or heard: frying heard for FRYING_SEC, or, the pan worked for PAN_WORK_SEC
 *   and, when there is a sound track, the sounds of a pan for audibleSec (sizzle, bubbling,
 *   utensils: broadband noise; not silence, speech or hum): a cooking pan is not silent, a person
 *   sitting in a quiet room is.
 * Frying heard with no pan work anywhere in a visible picture: the pan is not in the frame.
 */
export const GATE = { minClipSec: MIN_COACHABLE_CLIP_SEC, minVisibleShare: 0.3, fryingSec: 3, panWorkSec: 3, audibleSec: 3 } as const;

export interface GateResult {
  coachable: boolean;
  reason: AbstainReason | null;
  /** What was and was not seen/heard, as evidence for the cook and the coach. */
  seen: Evidence[];
  visibleShare: number;
}

export function cookingGate(track: FineTrack, pan: PanActivity, heat: HeatAndStretch): GateResult {
  const { fine, step, durationSec } = track;
  const visibleSec = fine.filter(visibleAt).length * step;
  const visibleShare = durationSec > 0 ? Math.min(1, visibleSec / durationSec) : 0;
  const coveredSec = fine.filter((f) => f.covered).length * step;
  const darkSec = fine.filter((f) => f.tooDark && !f.covered).length * step;
  // Sounds a pan makes (sizzle, bubbling, utensils on metal); silence, speech and hum are not.
  const audibleSec = fine.filter((f) => f.kind === 'frying' || f.kind === 'water' || f.kind === 'other').length * step;
  const end = Math.max(step, durationSec);
  const seen: Evidence[] = [];
  seen.push({
    ja: `動画の長さ ${durationSec.toFixed(1)} 秒、そのうち映像が見えていたのは ${visibleSec.toFixed(1)} 秒${coveredSec ? `（レンズが覆われていたのが ${coveredSec.toFixed(1)} 秒）` : ''}${darkSec ? `（暗すぎたのが ${darkSec.toFixed(1)} 秒）` : ''}。`,
    en: `The clip is ${durationSec.toFixed(1)} s long; the scene was visible for ${visibleSec.toFixed(1)} s${coveredSec ? ` (lens covered ${coveredSec.toFixed(1)} s)` : ''}${darkSec ? ` (too dark ${darkSec.toFixed(1)} s)` : ''}.`,
    start: 0,
    end,
    signal: 'covered',
    value: Math.round(visibleShare * 100) / 100,
  });
  if (pan.bouts.length) {
    const b = pan.bouts[0]!;
    seen.push({
      ja: `鍋まわりの手の動きが合計 ${pan.activeSec.toFixed(1)} 秒（最初は ${clock(b.start)}）。`,
      en: `Hands working in one spot (the pan) for ${pan.activeSec.toFixed(1)} s in all (first at ${clock(b.start)}).`,
      start: b.start,
      end: pan.bouts.at(-1)!.end,
      signal: 'pan_activity',
      value: Math.round(pan.activeSec * 10) / 10,
    });
  } else {
    seen.push({ ja: '鍋で調理している手の動きは見えませんでした。', en: 'No hands working a pan were seen.', start: 0, end, signal: 'pan_activity', value: 0 });
  }
  if (heat.frying === null) {
    seen.push({ ja: '音声がないため、焼ける音は確かめられませんでした。', en: 'There is no sound, so the sizzle could not be checked.', start: 0, end, signal: 'frying' });
  } else {
    seen.push({
      ja: heat.fryingSec ? `焼ける音（パチパチという音）が ${heat.fryingSec} 秒聞こえました。` : '焼ける音（パチパチという音）は聞こえませんでした。',
      en: heat.fryingSec ? `Frying sizzle (crackle) was heard for ${heat.fryingSec} s.` : 'No frying sizzle (crackle) was heard.',
      start: 0,
      end,
      signal: 'frying',
      value: heat.fryingSec,
    });
  }

  let reason: AbstainReason | null = null;
  if (durationSec < GATE.minClipSec) reason = 'too_short';
  else if (visibleShare < GATE.minVisibleShare) reason = 'cannot_see';
  else {
    const heardFrying = heat.fryingSec >= GATE.fryingSec;
    const worked = pan.activeSec >= GATE.panWorkSec;
    const audible = heat.frying === null || audibleSec >= GATE.audibleSec;
    if (heardFrying && pan.activeSec === 0 && pan.largeMotionSec < durationSec * 0.5) reason = 'no_pan_visible';
    else if (!heardFrying && !(worked && audible)) reason = 'not_cooking';
  }
  return { coachable: reason === null, reason, seen, visibleShare };
}

export { abstainMessage } from '../../domain/abstain-message';
