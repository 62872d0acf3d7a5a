import type { AnalysisResult, Evidence, KeyMoment } from '../../domain/analysis';
import type { SecondSignal } from '../../domain/signals';
import type { AnalyzeInput, Provenance, VideoAnalyzer } from '../../providers/ai/ai-provider';
import { readCookWords } from './cook-words';
import { abstainMessage, cookingGate } from './cooking-gate';
import type { DetectedEvents, SignalSeries } from './detect-events';
import { detectFineEvents, type FoundEvent } from './detect-fine-events';
import { refineEvents } from './refine-events';
import { FINDING_TEXT } from './finding-text';
import { fineTrackOf, visibleAt, type FineTrack } from './fine-track';
import { FRYING_HEARD, heatAndStretch, type HeatAndStretch } from './heat-and-stretch';
import { findPanActivity, type PanActivity } from './pan-activity';
import { scoreFindings, type Finding } from './score-findings';
import { clamp01, clock, movingAverage, quantile, windowMean } from './signal-math';
const CLIP_SECONDS = 15;
const LEAD_IN = 3; // start the clip a moment before the event, so the cook sees it coming
const QUIET_PAN_SEC = 3; // seconds without frying needed to know how loud the quiet pan is

type Text = { ja: string; en: string };

const EVENT_WEIGHT: Record<string, number> = {
  ingredient_added: 1,
  flipping: 0.9,
  heat_change: 0.7,
  sizzle_starts: 0.6,
  browning: 0.6,
  stirring: 0.4,
  plating: 0.3,
  oil_heating: 0.2,
};

const EVENT_REASON: Record<string, Text> = {
  ingredient_added: { ja: '具材が鍋に入る瞬間', en: 'The moment the ingredients hit the pan' },
  flipping: { ja: '返す瞬間', en: 'The flip' },
  heat_change: { ja: '火の勢いが変わるところ', en: 'Where the heat changes' },
  sizzle_starts: { ja: '焼ける音が立ち上がるところ', en: 'Where the sizzle starts' },
  browning: { ja: '触らずに焼き色をつけているところ', en: 'Leaving it alone to brown' },
  stirring: { ja: '炒め続けているところ', en: 'Stirring and tossing' },
  plating: { ja: '盛り付け', en: 'Plating' },
  oil_heating: { ja: '油を熱しているところ', en: 'Heating the oil' },
};

/**
 * The offline analyzer. It first asks whether there is anything to coach (a long enough clip, a
 * visible scene, a pan being worked or frying heard) and abstains with a message for the cook
 * when not. Otherwise: events at the fine track's resolution (0.25 s), the cooking stretch and the
 * heat curve from the sizzle's texture, findings judged against the dish's rubric, and the cook's
 * own words checked against the footage. Every claim carries the measured signal and its span.
 */
export class LocalVideoAnalyzer implements VideoAnalyzer {
  readonly provenance: Provenance = { provider: 'local', model: 'local-rules-v2', promptVersion: 'rules-v2' };

  async analyze(input: AnalyzeInput): Promise<AnalysisResult> {
    const track = fineTrackOf(input.signals);
    const pan = findPanActivity(track);
    const heat = heatAndStretch(input.signals, track, pan);
    const gate = cookingGate(track, pan, heat);
    const sampling: NonNullable<AnalysisResult['sampling']> = { mode: track.source === 'fine' ? (input.signals.sampling?.mode ?? 'full') : 'seconds', stepSec: track.step };
    const base = { heatCurve: heat.heat, cooking: heat.stretch, sampling };
    if (!gate.coachable) {
      const reason = gate.reason ?? 'not_cooking';
      return {
        coachable: false,
        abstain: { reason, message: abstainMessage(reason, track.durationSec), seen: gate.seen },
        events: [],
        keyMoments: [],
        diagnosis: null,
        findings: [],
        ...base,
      };
    }

    // On a coarse track, the 0.25 s windows decoded around candidates put events at their instant.
    const { events: found, refined } = refineEvents(detectFineEvents(track, pan, heat), track.source === 'fine' && track.step > 0.25 ? input.signals.fineWindows : undefined);
    if (refined) sampling.eventStepSec = 0.25;
    const series = perSecondSeries(input.signals.seconds, track, pan, heat);
    const detected = detectedFor(series, found, heat);
    const findings = scoreFindings({
      series,
      detected,
      rubric: input.rubric,
      note: input.note,
      transcript: input.transcript,
      selfRatings: input.selfRatings,
    });
    // The cooking time is known only when the clip shows both the start and the stop of the cook.
    const timeKnown = Boolean(heat.stretch?.startSeen && heat.stretch.stopSeen);
    for (const f of findings) if ((f.code === 'too_short' || f.code === 'too_long_on_heat') && !timeKnown) f.score = 0;
    // "Low heat" compares the cooking sizzle with the quiet pan; a clip that fries from its first to
    // its last second has no quiet pan to compare with.
    const quietSec = heat.frying ? heat.frying.filter((p) => p < FRYING_HEARD).length : 0;
    for (const f of findings) if (f.code === 'heat_too_low' && quietSec < QUIET_PAN_SEC) f.score = 0;
    const quality = (track.source === 'fine' ? 1 : 0.75) * (0.5 + 0.5 * gate.visibleShare);
    const voice = weighCookWords(findings, input.note, input.transcript, series.hasAudio);
    findings.sort((a, b) => Number(voice.supported.has(b.code) && b.score >= 0.25) - Number(voice.supported.has(a.code) && a.score >= 0.25) || b.score - a.score);

    const top = findings[0] as Finding;
    const principle =
      input.principles.find((p) => p.addresses.includes(top.code) && p.why) ?? input.principles.find((p) => p.addresses.includes(top.code));
    const text = FINDING_TEXT[top.code];
    const clear = top.score < 0.25;
    const topEvidence = [...evidenceOf(top), ...voice.gentle].slice(0, 8);

    const diagnosis: NonNullable<AnalysisResult['diagnosis']> = clear
      ? {
          code: input.rubric.watchFor[0] ?? top.code,
          problem: {
            ja: `大きな問題は見られませんでした。次は「${principle?.title.ja ?? text.problem.ja}」をさらに磨きましょう。`,
            en: `No clear problem this time. Next, refine: ${principle?.title.en ?? text.problem.en}`,
          },
          why: principle?.why ?? text.why,
          // What was checked, not a finding that scored nothing (its text would read as a problem).
          evidence: [...clearEvidence(heat, top), ...voice.gentle].slice(0, 8),
          // "Nothing wrong" is weak when the sizzle could not be heard.
          confidence: round3(clamp01(1 - top.score) * quality * (series.hasAudio ? 0.8 : 0.4)),
        }
      : { code: top.code, problem: text.problem, why: principle?.why ?? text.why, evidence: topEvidence, confidence: round3(confidenceOf(top, quality)) };

    return {
      coachable: true,
      abstain: null,
      events: found.map(({ t, type, confidence }) => ({ t, type, confidence })),
      keyMoments: rankKeyMoments(input.signals.seconds, track, found, pan, top),
      diagnosis,
      findings: findings.map((f) => ({
        code: f.code,
        score: Number(f.score.toFixed(3)),
        confidence: round3(confidenceOf(f, quality)),
        evidence: evidenceOf(f).slice(0, 6),
      })),
      ...base,
    };
  }
}

/** The evidence for "no clear problem": the stretch where cooking was seen, else the top finding's measurements. */
function clearEvidence(heat: HeatAndStretch, top: Finding): Evidence[] {
  const stretch = heat.stretch;
  if (!stretch) return evidenceOf(top).slice(0, 3);
  return [
    {
      ja: `${clock(stretch.start)}〜${clock(stretch.end)} の調理を確認しました。`,
      en: `Checked the cooking from ${clock(stretch.start)} to ${clock(stretch.end)}.`,
      start: stretch.start,
      end: stretch.end,
      signal: 'pan_activity',
    },
  ];
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** How sure a finding is: its strength, discounted for a coarse track or a mostly hidden scene. */
function confidenceOf(f: Finding, quality: number): number {
  return clamp01(f.score) * quality;
}

/** A finding's evidence lines, the first measured one (not the cook's own words) carrying the signal and its span. */
function evidenceOf(f: Finding): Evidence[] {
  const measuredAt = f.evidence.findIndex((e) => e.signal !== 'note');
  return f.evidence.map((e, i) => (i === measuredAt && f.span ? { ...e, start: Math.max(0, f.span.start), end: Math.max(0, f.span.end), signal: f.span.signal, value: f.span.value } : e));
}

/**
 * The cook's suspicions checked against the findings: one the footage supports is said first;
 * one it contradicts is answered gently with what was measured; one it cannot check is said so.
 */
function weighCookWords(findings: Finding[], note: string | null, transcript: string | null, soundMeasured: boolean): { supported: Set<string>; gentle: Evidence[] } {
  const supported = new Set<string>();
  const gentle: Evidence[] = [];
  const soundCodes = new Set(['pan_not_hot', 'heat_dropped', 'heat_too_low', 'scorch_risk']);
  for (const s of readCookWords(note, transcript)) {
    const candidates = findings.filter((f) => s.codes.includes(f.code));
    const best = candidates.sort((a, b) => b.score - a.score)[0];
    if (!best) continue;
    const where = s.source === 'note' ? { ja: 'メモ', en: 'note' } : { ja: 'ボイスメモ', en: 'voice memo' };
    const measurable = !soundCodes.has(best.code) || soundMeasured;
    if (best.score >= 0.2) {
      best.score = clamp01(best.score + 0.2);
      supported.add(best.code);
      best.evidence.unshift({ ja: `${where.ja}に「${s.quote}」とありました。映像と音もそれを裏づけています。`, en: `Your ${where.en} says "${s.quote}", and the footage agrees.`, signal: 'note' });
    } else if (!measurable) {
      gentle.push({ ja: `${where.ja}の「${s.quote}」は、音声から確かめられませんでした。`, en: `Your ${where.en} says "${s.quote}"; the video could not confirm it (no usable sound).`, signal: 'note' });
    } else {
      const measured = evidenceOf(best)[0];
      gentle.push({
        ja: `${where.ja}には「${s.quote}」とありましたが、映像では${s.about.ja}様子は見られませんでした。${measured ? measured.ja : ''}`,
        en: `Your ${where.en} says "${s.quote}", but the footage does not show that ${s.about.en}. ${measured ? measured.en : ''}`.trim(),
        ...(measured?.start !== undefined ? { start: measured.start, end: measured.end, signal: measured.signal, value: measured.value } : { signal: 'note' as const }),
      });
    }
  }
  return { supported, gentle };
}

/** The per-second view the rubric rules read: motion = pan work (not a body passing), sizzle only when frying is heard. */
function perSecondSeries(seconds: SecondSignal[], track: FineTrack, pan: PanActivity, heat: HeatAndStretch): SignalSeries {
  const n = seconds.length;
  const share = new Array<number>(n).fill(0);
  const count = new Array<number>(n).fill(0);
  track.fine.forEach((f, i) => {
    const t = Math.min(n - 1, Math.floor(f.t + 1e-6));
    if (t < 0) return;
    count[t]!++;
    if (pan.active[i]) share[t]!++;
  });
  // 0.05 × the share of the second with pan work: the rules' threshold (0.01) is a fifth of the second.
  const work = share.map((s, t) => (count[t] ? (s / count[t]!) * 0.05 : 0));
  return {
    n,
    motion: work,
    rawMotion: work,
    sizzle: movingAverage(seconds.map((s) => s.sizzle), 1),
    visible: seconds.map((s) => !s.obstructed && !s.tooDark),
    // Sound rules need a sound track that was measured for texture (frying per second).
    hasAudio: heat.frying !== null,
  };
}

function detectedFor(s: SignalSeries, found: FoundEvent[], heat: HeatAndStretch): DetectedEvents {
  const add = found.find((e) => e.type === 'ingredient_added');
  const addTime = add ? Math.min(s.n - 1, Math.floor(add.t)) : null;
  const rise = (t: number) => windowMean(s.sizzle, t + 1, t + 5) - windowMean(s.sizzle, t - 6, t - 1);
  const stretch = heat.stretch;
  return {
    events: found,
    addTime,
    addSizzleRise: addTime !== null && s.hasAudio ? rise(addTime) : 0,
    ...(addTime !== null && heat.frying ? { addFryingHeard: Math.max(...heat.frying.slice(addTime, addTime + 4), 0) >= FRYING_HEARD } : {}),
    cooking: stretch ? { start: Math.min(s.n - 1, stretch.start), end: Math.max(Math.min(s.n - 1, stretch.start), Math.min(s.n - 1, stretch.end - 1)) } : { start: 0, end: s.n - 1 },
    motionThreshold: 0.01,
    sizzleHigh: quantile(s.sizzle, 0.75),
    sizzleFloor: quantile(s.sizzle, 0.1),
  };
}

/** Candidate clips around the events (each keeps the instant `at` inside its window), off covered stretches, best first. */
function rankKeyMoments(seconds: SecondSignal[], track: FineTrack, found: FoundEvent[], pan: PanActivity, top: Finding): KeyMoment[] {
  const duration = track.durationSec;
  const length = Math.min(CLIP_SECONDS, duration);
  // A second is clear only when none of its fine steps is covered or dark (a hand closing over the lens mid-second).
  const visible = seconds.map((s) => !s.obstructed && !s.tooDark);
  for (const f of track.fine) if (!visibleAt(f) && Math.floor(f.t + 1e-6) < visible.length) visible[Math.floor(f.t + 1e-6)] = false;
  const candidates: Array<{ t: number; weight: number; reason: Text; cue: KeyMoment['cue']; evidence: Evidence[] }> = found.map((e) => ({
    t: e.t,
    weight: (EVENT_WEIGHT[e.type] ?? 0.3) * e.confidence,
    reason: EVENT_REASON[e.type] ?? { ja: e.type, en: e.type },
    cue: cueFor(e.type === 'ingredient_added' || e.type === 'heat_change' ? top.code : null, e.type),
    evidence: e.evidence,
  }));
  if (top.at !== null && top.score >= 0.25) {
    const text = FINDING_TEXT[top.code];
    candidates.push({ t: top.at, weight: 0.85 * clamp01(top.score + 0.3), reason: { ja: text.problem.ja, en: text.problem.en }, cue: { sight: text.sight, sound: text.sound }, evidence: evidenceOf(top).slice(0, 2) });
  }
  if (!candidates.length && pan.bouts.length) {
    // Nothing stood out: the longest stretch of work at the pan.
    const b = [...pan.bouts].sort((x, y) => y.end - y.start - (x.end - x.start))[0]!;
    candidates.push({
      t: (b.start + b.end) / 2,
      weight: 0.2,
      reason: { ja: '鍋での作業がいちばん長い場面', en: 'The longest stretch of work at the pan' },
      cue: cueFor(null, 'stirring'),
      evidence: [{ ja: `${clock(b.start)}〜${clock(b.end)} 鍋の位置で動きがありました。`, en: `Movement at the pan ${clock(b.start)}–${clock(b.end)}.`, start: b.start, end: b.end, signal: 'pan_activity', value: Math.round((b.end - b.start) * 10) / 10 }],
    });
  }

  const placed: KeyMoment[] = [];
  for (const c of candidates.sort((a, b) => b.weight - a.weight)) {
    if (c.t < seconds.length && !visible[Math.floor(c.t)]) continue; // nothing is claimed inside a covered or dark second
    // The longest clip (up to 15 s) that keeps the instant inside and stays clear of covered seconds.
    let window: { start: number; end: number } | null = null;
    for (const len of [length, 10, 6, 4].filter((l) => l <= length)) {
      const w = placeClip(visible, c.t - Math.min(LEAD_IN, len / 3), len, duration);
      if (w && c.t >= w.start && c.t <= w.end) {
        window = w;
        break;
      }
    }
    if (!window) continue;
    const w = window;
    if (placed.some((p) => overlap(p, w) > Math.min(p.end - p.start, w.end - w.start) * 0.5)) continue;
    placed.push({ at: Number(c.t.toFixed(2)), ...window, reason: withTime(c.reason, c.t), cue: c.cue, score: Number(clamp01(c.weight).toFixed(3)), evidence: c.evidence.slice(0, 6) });
    if (placed.length === 5) break;
  }
  if (!placed.length) {
    // Coachable but no event could be framed clear of covered seconds: the longest clear stretch,
    // so the coach has a starting point (the console lets them move it).
    let best: [number, number] = [0, 0];
    for (let t = 0; t < visible.length; t++) {
      if (!visible[t]) continue;
      let e = t;
      while (e + 1 < visible.length && visible[e + 1]) e++;
      if (e + 1 - t > best[1] - best[0]) best = [t, e + 1];
      t = e;
    }
    if (best[1] > best[0]) {
      const end = Math.min(best[1], best[0] + length, duration);
      const at = (best[0] + end) / 2;
      placed.push({
        at: Number(at.toFixed(2)),
        start: best[0],
        end: Number(end.toFixed(2)),
        reason: { ja: '映像がいちばん見やすい場面', en: 'The clearest stretch of the video' },
        cue: cueFor(null, 'stirring'),
        score: 0.05,
        evidence: [{ ja: `${clock(best[0])}〜${clock(end)} は映像が見えていました。`, en: `The picture was clear ${clock(best[0])}–${clock(end)}.`, start: best[0], end: Number(end.toFixed(2)), signal: 'covered', value: 0 }],
      });
    }
  }
  return placed.sort((a, b) => b.score - a.score);
}

function withTime(reason: Text, t: number): Text {
  return { ja: `${clock(t)} ${reason.ja}`, en: `${clock(t)} ${reason.en}` };
}

function cueFor(code: keyof typeof FINDING_TEXT | null, eventType: string): KeyMoment['cue'] {
  if (code) return { sight: FINDING_TEXT[code].sight, sound: FINDING_TEXT[code].sound };
  if (eventType === 'flipping') return { sight: { ja: '返した面の焼き色', en: 'the colour of the side you just turned' }, sound: { ja: '返した直後の音', en: 'the sound right after the flip' } };
  if (eventType === 'browning') return { sight: { ja: '縁から色づいていく様子', en: 'colour creeping in from the edges' }, sound: { ja: '一定の焼ける音', en: 'a steady frying sound' } };
  return { sight: { ja: '鍋の中の動き', en: 'how the food moves in the pan' }, sound: { ja: '焼ける音の強さ', en: 'how strong the sizzle is' } };
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** A clip of `length` s starting near `start`, inside the video and clear of obstructed seconds. */
function placeClip(visible: boolean[], start: number, length: number, duration: number): { start: number; end: number } | null {
  const fits = (a: number) => {
    for (let t = Math.floor(a); t < Math.ceil(a + length) && t < visible.length; t++) if (!visible[t]) return false;
    return true;
  };
  const maxStart = Math.max(0, duration - length);
  const base = Math.min(Math.max(0, start), maxStart);
  for (let shift = 0; shift <= 10; shift++) {
    for (const a of [base + shift, base - shift]) {
      if (a >= 0 && a <= maxStart && fits(a)) return { start: Number(a.toFixed(2)), end: Number((a + length).toFixed(2)) };
    }
  }
  return null;
}
