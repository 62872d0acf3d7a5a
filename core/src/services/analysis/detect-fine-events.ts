import type { CookingEvent, Evidence } from '../../domain/analysis';
import { MOVING_CELL } from '../../media/frame-grid';
import { visibleAt, type FineTrack } from './fine-track';
import { FRYING_HEARD, type HeatAndStretch } from './heat-and-stretch';
import { PAN_ACTIVITY, type PanActivity } from './pan-activity';
import { clamp01, clock } from './signal-math';

/** A cooking event with what it stands on. */
export interface FoundEvent extends CookingEvent {
  evidence: Evidence[];
}

/**
 * - A toss/flip: the food leaves the pan and lands in half a second: a sharp quarter-second motion
 *   peak at the work spot, at least FLIP.minMotion (a large share of the picture changing fast) and
 *   FLIP.overLocal × the motion around it; or, for a toss in a small pan far from the camera (a
 *   small share of the picture, so a small mean), a burst: a run of motion at the work spot no
 *   longer than FLIP.maxBurstSec with stillness (under FLIP.quietShare of its peak) on both sides,
 *   whose moving cells change fast (mean change inside them ≥ FLIP.minCellChange, twice what makes
 *   a cell count as moving). Stirring is continuous, so it never forms such a burst.
 * - Ingredients going in: a bout of pan work that the sizzle answers (its high band rises
 *   ADD_RISE_DB within 2 s); without sound, the first bout after a still start.
 * - Stirring: a bout of pan work lasting STIR_MIN_SEC or more.
 * - Sizzle starts: frying heard for 2 s after 2 s of none; heat changes: the heat curve steps by
 *   HEAT_STEP for 3 s.
 */
const FLIP = { minMotion: 0.02, overLocal: 2.5, minGapSec: 0.75, maxBurstSec: 1, quietShare: 0.25, minCellChange: 2 * MOVING_CELL } as const;
const ADD_RISE_DB = 3;
const STIR_MIN_SEC = 3;
const HEAT_STEP = 0.3;

function meanOf(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/** Mean high-band level (dB) in [from, to) of the fine track, null without sound. */
function bandMean(track: FineTrack, from: number, to: number): number | null {
  const v = track.fine.filter((f) => f.t >= from - 1e-6 && f.t < to - 1e-6 && f.highBand !== null).map((f) => f.highBand!);
  return v.length ? meanOf(v) : null;
}

export function detectFineEvents(track: FineTrack, pan: PanActivity, heat: HeatAndStretch): FoundEvent[] {
  const { fine, step } = track;
  const events: FoundEvent[] = [];
  const r2 = (v: number) => Math.round(v * 100) / 100;

  // Flips and tosses.
  const flips: number[] = [];
  for (let i = 0; i < fine.length; i++) {
    const f = fine[i]!;
    if (!pan.active[i] || !visibleAt(f) || f.region > PAN_ACTIVITY.maxRegion) continue;
    const around = [i - 3, i - 2, i + 2, i + 3].map((k) => fine[k]?.motion).filter((m): m is number => m !== undefined);
    const local = Math.max(1e-3, meanOf(around));
    const prev = fine[i - 1]?.motion ?? 0;
    const next = fine[i + 1]?.motion ?? 0;
    if (f.motion < FLIP.minMotion || f.motion < FLIP.overLocal * local || f.motion < prev || f.motion < next) continue;
    pushFlip(f.t + step / 2, { start: f.t, end: f.t + step, motion: f.motion }, clamp01(0.4 + (f.motion / local - FLIP.overLocal) / 10), `${(f.motion / local).toFixed(1)}× the motion around it`, `前後の ${(f.motion / local).toFixed(1)} 倍`);
  }
  // Short bursts at the work spot with stillness around them (a toss in a small corner of the frame).
  for (const burst of shortBursts(track, pan)) {
    const f = fine[burst.peak]!;
    const cellChange = f.motion / f.movingShare;
    // The toss is when the pan starts to move (the peak is often the landing, half a second on).
    const from = fine[burst.start]!.t;
    pushFlip(from + step / 2, { start: from, end: from + burst.seconds, motion: f.motion }, clamp01(0.4 + (cellChange / FLIP.minCellChange - 1) / 4), `a ${burst.seconds.toFixed(2)} s burst, still before and after`, `${burst.seconds.toFixed(2)} 秒だけの動き、前後は静止`);
  }
  function pushFlip(t: number, seen: { start: number; end: number; motion: number }, strength: number, how: string, howJa: string): void {
    if (flips.some((x) => Math.abs(x - t) < FLIP.minGapSec)) return;
    flips.push(t);
    events.push({
      t: r2(t),
      type: 'flipping',
      confidence: r2(strength * (track.source === 'fine' ? 1 : 0.7)),
      evidence: [
        {
          ja: `${clock(t)} に鍋の位置で急な動き（${(seen.motion * 100).toFixed(1)}%、${howJa}）。`,
          en: `A sharp movement at the pan at ${clock(t)} (${(seen.motion * 100).toFixed(1)}%, ${how}).`,
          start: r2(seen.start),
          end: r2(seen.end),
          signal: 'motion',
          value: seen.motion,
        },
      ],
    });
  }

  // Ingredients added and stirring, one bout at a time.
  let added = false;
  for (const [k, b] of pan.bouts.entries()) {
    const mid = (b.start + b.end) / 2;
    const before = bandMean(track, b.start - 3, b.start);
    const after = bandMean(track, b.start + 0.5, Math.min(b.end + 2, b.start + 3.5));
    const rise = before !== null && after !== null ? after - before : null;
    const fryingAfter = heat.frying ? meanOf(heat.frying.slice(Math.floor(b.start), Math.floor(b.start) + 3)) : null;
    const answered = rise !== null && rise >= ADD_RISE_DB && fryingAfter !== null && fryingAfter >= FRYING_HEARD * 0.8;
    const stillStart = k === 0 && b.start >= 2;
    // Frying heard before the hands came: food was already in a hot pan (the clip starts mid-cook).
    const fryingBefore = heat.frying ? meanOf(heat.frying.slice(Math.max(0, Math.floor(b.start) - 2), Math.floor(b.start))) >= FRYING_HEARD : false;
    // Without an answer from the sizzle (no sound, or a cold pan), the first short bout after a still start.
    if (!added && (answered || (stillStart && !fryingBefore && b.end - b.start < 3 * STIR_MIN_SEC))) {
      added = true;
      const t = b.peakAt; // the burst itself: food landing, or the hand at its furthest into the pan
      events.push({
        t: r2(t),
        type: 'ingredient_added',
        confidence: r2(answered ? clamp01(0.6 + (rise! - ADD_RISE_DB) / 20) : heat.frying === null ? 0.45 : 0.35),
        evidence: [
          answered
            ? {
                ja: `${clock(b.start)} の鍋での動きのあと、ジュッという高い音が ${rise!.toFixed(1)} dB 上がりました。`,
                en: `After the hands at the pan at ${clock(b.start)}, the sizzle rose ${rise!.toFixed(1)} dB.`,
                start: r2(Math.max(0, b.start - 3)),
                end: r2(b.start + 3.5),
                signal: 'sizzle',
                value: r2(rise!),
              }
            : {
                ja: `${clock(b.start)}〜${clock(b.end)} に初めて鍋に手が入りました（${heat.frying === null ? '音声がないため、音では確かめていません' : `焼ける音の上がりは ${rise === null ? '測れません' : `${rise.toFixed(1)} dB`}でした`}）。`,
                en: `Hands went to the pan for the first time at ${clock(b.start)}–${clock(b.end)} (${heat.frying === null ? 'no sound to confirm it' : `the sizzle rose ${rise === null ? 'by an unknown amount' : `${rise.toFixed(1)} dB`}`}).`,
                start: r2(b.start),
                end: r2(b.end),
                signal: 'pan_activity',
                value: r2(b.end - b.start),
              },
        ],
      });
      continue;
    }
    if (b.end - b.start >= STIR_MIN_SEC) {
      events.push({
        t: r2(mid),
        type: 'stirring',
        confidence: r2(clamp01(0.4 + (b.end - b.start) / 30) * (heat.frying === null ? 0.8 : 1)),
        evidence: [
          {
            ja: `${clock(b.start)}〜${clock(b.end)} の ${(b.end - b.start).toFixed(1)} 秒間、鍋の位置で動き続けていました。`,
            en: `Continuous movement at the pan for ${(b.end - b.start).toFixed(1)} s (${clock(b.start)}–${clock(b.end)}).`,
            start: r2(b.start),
            end: r2(b.end),
            signal: 'pan_activity',
            value: r2(b.end - b.start),
          },
        ],
      });
    }
  }

  // The food landing in the pan is its own event, not a toss.
  const adds = events.filter((e) => e.type === 'ingredient_added').map((e) => e.t);
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i]!.type === 'flipping' && adds.some((t) => Math.abs(t - events[i]!.t) < 1)) events.splice(i, 1);
  }

  // Sizzle starts: frying heard 2 s in a row after at least 2 s without it.
  if (heat.frying) {
    const p = heat.frying;
    for (let t = 2; t + 1 < p.length; t++) {
      if (p[t]! >= FRYING_HEARD && p[t + 1]! >= FRYING_HEARD && p[t - 1]! < FRYING_HEARD && p[t - 2]! < FRYING_HEARD) {
        const onset = fine.find((f) => f.t >= t - 1 && f.t < t + 1 && (f.frying ?? 0) >= FRYING_HEARD)?.t ?? t;
        events.push({
          t: r2(onset),
          type: 'sizzle_starts',
          confidence: r2(clamp01((p[t]! + p[t + 1]!) / 2)),
          evidence: [
            {
              ja: `${clock(onset)} からパチパチという焼ける音が続きました（確からしさ ${Math.round(p[t]! * 100)}%）。`,
              en: `From ${clock(onset)} the crackle of frying carried on (frying likelihood ${Math.round(p[t]! * 100)}%).`,
              start: r2(onset),
              end: t + 2,
              signal: 'frying',
              value: r2(p[t]!),
            },
          ],
        });
        break;
      }
    }
  }

  // Heat changes (not the sizzle's own start: that is its event).
  const h = heat.heat.map((x) => x.heat);
  const sizzleAt = events.find((e) => e.type === 'sizzle_starts')?.t ?? null;
  let last = -10;
  for (let t = 3; t + 3 <= h.length; t++) {
    const stepBy = meanOf(h.slice(t, t + 3)) - meanOf(h.slice(t - 3, t));
    if (Math.abs(stepBy) >= HEAT_STEP && t - last >= 8 && !(sizzleAt !== null && Math.abs(t - sizzleAt) <= 3)) {
      last = t;
      events.push({
        t,
        type: 'heat_change',
        confidence: r2(clamp01(Math.abs(stepBy) / 0.6)),
        evidence: [
          {
            ja: `${clock(t)} で焼ける音の勢いが${stepBy > 0 ? '強く' : '弱く'}なりました（火力の目安 ${meanOf(h.slice(t - 3, t)).toFixed(2)} → ${meanOf(h.slice(t, t + 3)).toFixed(2)}）。`,
            en: `At ${clock(t)} the sizzle went ${stepBy > 0 ? 'up' : 'quiet'} (heat ${meanOf(h.slice(t - 3, t)).toFixed(2)} → ${meanOf(h.slice(t, t + 3)).toFixed(2)}).`,
            start: t - 3,
            end: t + 3,
            signal: 'heat',
            value: r2(stepBy),
          },
        ],
      });
    }
  }
  return events.sort((a, b) => a.t - b.t);
}

/**
 * Runs of localized motion at the work spot lasting at most FLIP.maxBurstSec, with the steps just
 * before and after quieter than FLIP.quietShare of the run's peak, and fast change inside the
 * moving cells at the peak.
 */
function shortBursts(track: FineTrack, pan: PanActivity): Array<{ start: number; peak: number; seconds: number }> {
  const { fine, step } = track;
  const out: Array<{ start: number; peak: number; seconds: number }> = [];
  // A half-second toss shows as a burst only on a track finer than it (not per-second rows, not keyframes).
  if (track.source !== 'fine' || step > FLIP.maxBurstSec / 2) return out;
  const moving = (i: number) => pan.active[i] === true && visibleAt(fine[i]!) && fine[i]!.movingShare > 0 && fine[i]!.region <= PAN_ACTIVITY.maxRegion;
  for (let i = 0; i < fine.length; i++) {
    if (!moving(i)) continue;
    let e = i;
    while (e + 1 < fine.length && moving(e + 1)) e++;
    let peak = i;
    for (let k = i; k <= e; k++) if (fine[k]!.motion > fine[peak]!.motion) peak = k;
    const p = fine[peak]!;
    const quiet = (k: number) => k < 0 || k >= fine.length || (visibleAt(fine[k]!) && fine[k]!.motion < FLIP.quietShare * p.motion);
    const seconds = (e - i + 1) * step;
    if (seconds <= FLIP.maxBurstSec + 1e-6 && quiet(i - 1) && quiet(e + 1) && i > 0 && e + 1 < fine.length && p.motion / p.movingShare >= FLIP.minCellChange) {
      out.push({ start: i, peak, seconds });
    }
    i = e;
  }
  return out;
}
