import type { AnalysisResult } from '../../domain/analysis';
import type { SecondSignal } from '../../domain/signals';
import type { Bilingual, DialogueSession, ResolvedMoment, TimeReference } from './dialogue-types';

const EVENT_LABELS: Record<string, Bilingual> = {
  oil_heating: { ja: '油を熱しているところ', en: 'the oil heating' },
  ingredient_added: { ja: '材料を入れたところ', en: 'the ingredients going in' },
  sizzle_starts: { ja: '焼ける音が立ったところ', en: 'the sizzle starting' },
  stirring: { ja: '混ぜているところ', en: 'the stirring' },
  flipping: { ja: '返したところ', en: 'the flip' },
  browning: { ja: '焼き色がつくところ', en: 'the browning' },
  heat_change: { ja: '火加減を変えたところ', en: 'the heat change' },
  plating: { ja: '盛り付け', en: 'the plating' },
};

/**
 * Where in the cook's own video the answer should point: the time they named, the event they
 * described ("when I added the rice"), or else the analysis's top key moment. Undefined when the
 * session has no analysis, or the named time/event is not in this video.
 */
export function resolveMoment(session: DialogueSession | null, time: TimeReference | undefined): ResolvedMoment | undefined {
  const analysis = session?.analysis;
  if (!analysis) return undefined;
  let seconds: number | undefined;
  let label: Bilingual | undefined;
  if (time?.seconds !== undefined) {
    const end = Math.max(...analysis.events.map((e) => e.t), ...analysis.keyMoments.map((k) => k.end), session.signals.at(-1)?.t ?? 0);
    if (time.seconds > end + 1) return undefined;
    seconds = time.seconds;
    label = labelAt(analysis, seconds);
  } else if (time?.eventType) {
    const event = analysis.events.filter((e) => e.type === time.eventType).sort((a, b) => a.t - b.t)[0];
    if (!event) return undefined;
    seconds = event.t;
    label = EVENT_LABELS[event.type];
  } else {
    const top = analysis.keyMoments[0];
    if (!top) return undefined;
    seconds = top.start;
    label = top.reason;
  }
  return { seconds, label: label ?? { ja: 'その場面', en: 'that moment' }, ...measure(session.signals, seconds) };
}

function labelAt(analysis: AnalysisResult, t: number): Bilingual | undefined {
  const moment = analysis.keyMoments.find((k) => t >= k.start - 1 && t <= k.end + 1);
  if (moment) return moment.reason;
  const near = [...analysis.events].sort((a, b) => Math.abs(a.t - t) - Math.abs(b.t - t))[0];
  return near && Math.abs(near.t - t) <= 3 ? EVENT_LABELS[near.type] : undefined;
}

/** Sizzle rise (dB) from the 3 s before to the 3 s after, and motion there: the numbers a cook can check. */
function measure(signals: SecondSignal[], t: number): Pick<ResolvedMoment, 'sizzleRiseDb' | 'motion'> {
  const before = signals.filter((s) => s.t >= t - 3 && s.t < t && !s.obstructed);
  const after = signals.filter((s) => s.t >= t && s.t <= t + 3 && !s.obstructed);
  if (!before.length || !after.length) return {};
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    sizzleRiseDb: Number((Math.max(...after.map((s) => s.sizzle)) - mean(before.map((s) => s.sizzle))).toFixed(1)),
    motion: Number(mean(after.map((s) => s.motion)).toFixed(3)),
  };
}

/** "0:06" */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
