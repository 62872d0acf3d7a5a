import type { AnalysisResult, KeyMoment } from '../../domain/analysis';
import type { AnalyzeInput, Provenance, VideoAnalyzer } from '../../providers/ai/ai-provider';
import { detectEvents, toSeries, type DetectedEvents, type SignalSeries } from './detect-events';
import { FINDING_TEXT } from './finding-text';
import { scoreFindings, type Finding } from './score-findings';
import { clamp01, clock, windowMean } from './signal-math';

const CLIP_SECONDS = 15;
const LEAD_IN = 3; // start the clip a moment before the event, so the cook sees it coming

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
 * The offline analyzer: rules over the ingest signals, judged against the dish's rubric from the
 * knowledge base, nudged by the cook's note and self-ratings. Everything it says is measured.
 */
export class LocalVideoAnalyzer implements VideoAnalyzer {
  readonly provenance: Provenance = { provider: 'local', model: 'local-rules-v1', promptVersion: 'rules-v1' };

  async analyze(input: AnalyzeInput): Promise<AnalysisResult> {
    const series = toSeries(input.signals.seconds, input.signals.hasAudio);
    const detected = detectEvents(series);
    const findings = scoreFindings({
      series,
      detected,
      rubric: input.rubric,
      note: input.note,
      transcript: input.transcript,
      selfRatings: input.selfRatings,
    });
    const top = findings[0] as Finding;
    const principle =
      input.principles.find((p) => p.addresses.includes(top.code) && p.why) ?? input.principles.find((p) => p.addresses.includes(top.code));
    const text = FINDING_TEXT[top.code];
    const clear = top.score < 0.25;

    const diagnosis: AnalysisResult['diagnosis'] = clear
      ? {
          code: top.code,
          problem: {
            ja: `大きな問題は見られませんでした。次は「${principle?.title.ja ?? text.problem.ja}」をさらに磨きましょう。`,
            en: `No clear problem this time. Next, refine: ${principle?.title.en ?? text.problem.en}`,
          },
          why: principle?.why ?? text.why,
          evidence: top.evidence.slice(0, 3),
        }
      : { code: top.code, problem: text.problem, why: principle?.why ?? text.why, evidence: top.evidence.slice(0, 4) };

    return {
      events: detected.events,
      keyMoments: rankKeyMoments(series, detected, top, input.signals.durationSec),
      diagnosis,
      findings: findings.map((f) => ({ code: f.code, score: Number(f.score.toFixed(3)) })),
    };
  }
}

/** Candidate clips around the events, moved off obstructed stretches, best first. */
function rankKeyMoments(s: SignalSeries, d: DetectedEvents, top: Finding, duration: number): KeyMoment[] {
  const length = Math.min(CLIP_SECONDS, duration);
  const candidates: Array<{ t: number; weight: number; reason: Text; cue: KeyMoment['cue'] }> = d.events.map((e) => ({
    t: e.t,
    weight: (EVENT_WEIGHT[e.type] ?? 0.3) * e.confidence,
    reason: EVENT_REASON[e.type] ?? { ja: e.type, en: e.type },
    cue: cueFor(e.type === 'ingredient_added' || e.type === 'heat_change' ? top.code : null, e.type),
  }));
  if (top.at !== null && top.score >= 0.25) {
    const text = FINDING_TEXT[top.code];
    candidates.push({ t: top.at, weight: 0.85 * clamp01(top.score + 0.3), reason: { ja: `${text.problem.ja}`, en: text.problem.en }, cue: { sight: text.sight, sound: text.sound } });
  }
  if (!candidates.length) {
    // Nothing stood out: the liveliest visible stretch.
    let best = 0;
    for (let t = 0; t < s.n; t++) if ((s.motion[t] as number) > (s.motion[best] as number)) best = t;
    candidates.push({ t: best, weight: 0.2, reason: { ja: 'いちばん動きのある場面', en: 'The liveliest moment' }, cue: cueFor(null, 'stirring') });
  }

  const placed: KeyMoment[] = [];
  for (const c of candidates.sort((a, b) => b.weight - a.weight)) {
    const window = placeClip(s, c.t - LEAD_IN, length, duration);
    if (!window) continue;
    if (placed.some((p) => overlap(p, window) > length * 0.5)) continue;
    const motionBoost = clamp01(windowMean(s.rawMotion, window.start, window.end) * 10) * 0.1;
    placed.push({ ...window, reason: withTime(c.reason, c.t), cue: c.cue, score: Number(clamp01(c.weight + motionBoost).toFixed(3)) });
    if (placed.length === 5) break;
  }
  if (!placed.length) {
    // Everything is obstructed: still give the coach a starting point (the console lets them move it).
    placed.push({ start: 0, end: length, reason: { ja: '映像が見えにくい動画です', en: 'The video is hard to see' }, cue: {}, score: 0.05 });
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
function placeClip(s: SignalSeries, start: number, length: number, duration: number): { start: number; end: number } | null {
  const fits = (a: number) => {
    for (let t = Math.floor(a); t < Math.ceil(a + length) && t < s.n; t++) if (!s.visible[t]) return false;
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
