import { createHash } from 'node:crypto';
import type { Bilingual } from '../models/principle';
import { narrationScriptSchema } from '../services/coaching/narration-script';
import type { NarrationScript } from '../services/coaching/narration-script';
import {
  TIMELINE_FPS,
  TIMELINE_SIZE,
  TIMELINE_SPEC_VERSION,
  validateTimelineSpec,
} from './timeline-spec';
import type { ClipSegment, NarrationLine, SourceRange, TimelineIssue, TimelineSegment, TimelineSpec } from './timeline-spec';
import { fitClip } from './fit-clip';
import { enoughFootage, planShots, planTail, subtractSpans, usableFootage } from './plan-footage';
import type { FootageHints } from './plan-footage';
import { planOutro } from './plan-outro';

export type TimelineLocale = 'ja' | 'en';

/** Synthesizes one line: the TTS cache key and its measured duration (see providers/tts). */
export type TimelineTts = (text: string, lang: TimelineLocale) => Promise<{ key: string; durationSec: number }>;

export interface BuildTimelineInput {
  script: NarrationScript;
  /** The chosen key moment, seconds in the source video (`at`: the instant of its event). */
  keyMoment: { start: number; end: number; at?: number | undefined };
  source: { durationSec: number; hasAudio: boolean; key?: string | undefined };
  learnerName: string;
  dish: Bilingual;
  locale: TimelineLocale;
  tts: TimelineTts;
  /** What the analysis knows about the footage (covered/dark stretches, cooking stretch, where the moment is). */
  footage?: FootageHints | undefined;
  layout?: Partial<TimelineLayout> | undefined;
}

/** Target lengths (s) and spacing. Segments grow past their target to fit their narration. */
export interface TimelineLayout {
  introSec: number;
  diagnosisSec: number;
  pivotSec: number;
  outroSec: number;
  /** Silence before the first line of intro / diagnosis / pivot. */
  introLeadSec: number;
  diagnosisLeadSec: number;
  pivotLeadSec: number;
  /** Silence between the two Part 1 lines, and after the last line of a segment. */
  lineGapSec: number;
  tailSec: number;
  pivotTailSec: number;
  /** The montage never plays faster than this. */
  maxMontageRate: number;
}

/** 0:00–0:25 intro, 0:25–0:47 diagnosis, 0:47–0:50 pivot, 0:50–1:05 clip, 1:05–1:30 outro. */
export const DEFAULT_TIMELINE_LAYOUT: TimelineLayout = {
  introSec: 25,
  diagnosisSec: 22,
  pivotSec: 3,
  outroSec: 25,
  introLeadSec: 1,
  diagnosisLeadSec: 1.5,
  pivotLeadSec: 0.3,
  lineGapSec: 0.6,
  tailSec: 1,
  pivotTailSec: 0.4,
  maxMontageRate: 8,
};

/** How dark the footage behind text is (0 = as filmed): enough for white text with a shadow. */
export const TEXT_DIM = { diagnosis: 0.55, pivot: 0.45, outro: 0.4 } as const;

export { MIN_CLIP_SEC } from './fit-clip';

export type BuildTimelineResult =
  | { ok: true; spec: TimelineSpec; issues: [] }
  /** `draft` is the laid-out spec that failed validation (null when the input could not be laid out). */
  | { ok: false; issues: TimelineIssue[]; draft: TimelineSpec | null };

/**
 * Lays the coaching video out around the real TTS durations and the cook's footage. Part 1 and
 * the diagnosis set the length of their segments (at least their targets, longer when the
 * narration needs it). Every segment shows the cook's footage: the intro a sped-up montage of the
 * cooking stretch, the diagnosis and pivot text over darkened footage, the clip the key moment
 * then its slow-motion replay (with a marker where the movement was, when the analysis located
 * it), the outro a replay of the best moment then the dish under music and applause. Covered and dark
 * stretches are left out. Part 2 always fits: fitClip moves lines, extends the clip and slows the
 * replay, and every change is listed (bilingual) in `spec.adjustments` for the coach. Only an
 * invalid script (or a source without duration) is refused.
 */
export async function buildTimeline(input: BuildTimelineInput): Promise<BuildTimelineResult> {
  const layout = { ...DEFAULT_TIMELINE_LAYOUT, ...input.layout };
  const { locale, source } = input;

  const scriptCheck = narrationScriptSchema.safeParse(input.script);
  if (!scriptCheck.success) {
    return { ok: false, draft: null, issues: scriptCheck.error.issues.map((i) => ({ path: ['script', ...i.path].join('.'), message: i.message })) };
  }
  const script = scriptCheck.data;
  if (!(source.durationSec > 0)) return { ok: false, draft: null, issues: [{ path: 'source.durationSec', message: 'the source video has no duration' }] };

  const pick = (t: Bilingual) => t[locale];
  const say = async (id: string, text: string, startSec = 0): Promise<NarrationLine> => {
    const audio = await input.tts(text, locale);
    return { id, text, lang: locale, audio: { key: audio.key, durationSec: r6(audio.durationSec) }, startSec: r6(startSec) };
  };
  const [intro, principle, diagnosis, pivot, ...part2] = await Promise.all([
    say('part1.intro', pick(script.part1.intro)),
    say('part1.principle', pick(script.part1.principle)),
    say('diagnosis', pick(script.diagnosis)),
    say('pivot', pick(script.pivot)),
    ...script.part2.map((l, i) => say(`part2.${i}`, pick(l.text), l.offset)),
  ]);

  // The clip: the key moment with Part 2 laid over it (and its replay) so that every line fits.
  const hints = input.footage;
  const fitted = fitClip({
    keyMoment: input.keyMoment,
    at: input.keyMoment.at ?? hints?.at,
    sourceSec: source.durationSec,
    lines: part2.map((l) => ({ id: l.id, offset: l.startSec, durationSec: l.audio.durationSec })),
  });
  part2.forEach((line, i) => (line.startSec = r6(fitted.lineStarts[i]!)));
  const clipRange = fitted.source;

  // Intro: Part 1 lines one after the other; the segment grows to fit them.
  intro!.startSec = layout.introLeadSec;
  principle!.startSec = ceilTenth(intro!.startSec + intro!.audio.durationSec + layout.lineGapSec);
  const introSec = ceilFrame(Math.max(layout.introSec, principle!.startSec + principle!.audio.durationSec + layout.tailSec));
  diagnosis!.startSec = layout.diagnosisLeadSec;
  const diagnosisSec = ceilFrame(Math.max(layout.diagnosisSec, diagnosis!.startSec + diagnosis!.audio.durationSec + layout.tailSec));
  pivot!.startSec = layout.pivotLeadSec;
  const pivotSec = ceilFrame(Math.max(layout.pivotSec, pivot!.startSec + pivot!.audio.durationSec + layout.pivotTailSec));
  const outroSec = ceilFrame(layout.outroSec);

  const usable = usableFootage(source.durationSec, hints);
  const adjustments = [...fitted.adjustments];
  if (usable.skippedSec >= 1) {
    adjustments.push({
      code: 'footage_skipped',
      ja: `レンズが隠れている・暗すぎる${usable.skippedSec.toFixed(1)}秒を映像から除きました。`,
      en: `${usable.skippedSec.toFixed(1)} s where the lens was covered or the picture too dark are left out of the video.`,
    });
  }
  // The montage: the cooking stretch outside the clip (the clip is the reveal); when that is too
  // short to fill the intro without looping, the whole stretch, then the whole usable video.
  const montage = planShots(enoughFootage(introSec, subtractSpans(usable.intervals, [clipRange]), usable.intervals, usable.wider), introSec, { minRate: 1, maxRate: layout.maxMontageRate });
  const diagnosisFootage = { ...planShots(enoughFootage(diagnosisSec, usable.intervals, usable.wider), diagnosisSec, { minRate: 1, maxRate: 4, wholeRates: true }), dim: TEXT_DIM.diagnosis };
  // The pivot leads into the clip: the footage just before it (else any usable footage).
  const untilClip = (rs: SourceRange[]) => subtractSpans(rs, [{ start: clipRange.start, end: source.durationSec }]);
  const beforeClip = [untilClip(usable.intervals), untilClip(usable.wider)].find((rs) => rs.length > 0);
  const clipOpening = [{ start: clipRange.start, end: Math.min(clipRange.end, clipRange.start + pivotSec) }];
  const pivotFootage = { ...(beforeClip ? planTail(beforeClip, pivotSec, 1) : planShots(clipOpening, pivotSec, { minRate: 1, maxRate: 1, shots: 1 })), dim: TEXT_DIM.pivot };
  // The outro: a replay of the best moment, then the dish (finished when seen, else as it finishes).
  const outroFootage = {
    ...planOutro({ outroSec, moment: { ...clipRange, at: input.keyMoment.at ?? hints?.at }, usable, unusable: hints?.unusable ?? [], finishedFrom: hints?.finishedFrom, sourceSec: source.durationSec }),
    dim: TEXT_DIM.outro,
  };

  const clip: ClipSegment = {
    kind: 'clip',
    durationSec: fitted.durationSec,
    source: clipRange,
    replay: { ...fitted.replay, marker: hints?.marker ?? null },
    sourceAudio: source.hasAudio,
    sourceDuckDb: -12,
    lines: part2,
    captions: captionsFor(part2, fitted.durationSec),
  };
  const ja = locale === 'ja';
  const draft: TimelineSpec = {
    specVersion: TIMELINE_SPEC_VERSION,
    fps: TIMELINE_FPS,
    width: TIMELINE_SIZE.width,
    height: TIMELINE_SIZE.height,
    locale,
    source: {
      ...(source.key ? { key: source.key } : {}),
      durationSec: source.durationSec,
      hasAudio: source.hasAudio,
      ...(hints?.aspect ? { aspect: hints.aspect } : {}),
    },
    adjustments,
    segments: [
      { kind: 'intro', durationSec: introSec, montage, music: { track: 'synth:intro-theme', gainDb: -14, duckDb: -10 }, lines: [intro!, principle!] },
      {
        kind: 'diagnosis',
        durationSec: diagnosisSec,
        card: { title: ja ? `${input.learnerName}さんへ ― 今回のポイント` : `${input.learnerName}: this session's point`, body: pick(input.dish) },
        footage: diagnosisFootage,
        music: null,
        lines: [diagnosis!],
      },
      { kind: 'pivot', durationSec: pivotSec, footage: pivotFootage, lines: [pivot!] },
      clip,
      {
        kind: 'outro',
        durationSec: outroSec,
        music: { track: 'synth:outro-theme', gainDb: -12, duckDb: 0 },
        applause: { track: 'synth:applause', startSec: 0.5, durationSec: Math.min(6, outroSec - 0.5), gainDb: -8 },
        card: {
          title: ja ? 'おつかれさまでした' : 'Well done',
          body: ja ? `${input.learnerName}さんの${input.dish.ja}` : `${input.learnerName}'s ${input.dish.en.toLowerCase()}`,
        },
        footage: outroFootage,
        lines: [],
      },
    ],
  };
  const checked = validateTimelineSpec(draft);
  return checked.ok ? { ok: true, spec: checked.spec, issues: [] } : { ok: false, issues: checked.issues, draft };
}

/** Each Part 2 line is captioned from its offset until the next line (or the clip end). */
function captionsFor(lines: NarrationLine[], clipSec: number): ClipSegment['captions'] {
  const captions: ClipSegment['captions'] = [];
  lines.forEach((line, i) => {
    const endSec = r6(Math.min(clipSec, lines[i + 1]?.startSec ?? clipSec));
    if (endSec > line.startSec) captions.push({ startSec: line.startSec, endSec, text: line.text });
  });
  return captions;
}

/**
 * The intro montage: `introSec` of output made of a few shots spread evenly over the source,
 * outside the clip (the clip is the reveal), played at the rate that fits the footage (1×–max).
 * A short source is looped rather than slowed below 1×.
 */
export function planMontage(sourceSec: number, clip: SourceRange, introSec: number, maxRate = DEFAULT_TIMELINE_LAYOUT.maxMontageRate): { ranges: SourceRange[]; playbackRate: number } {
  return planMontageFrom([{ start: 0, end: sourceSec }], clip, introSec, maxRate);
}

/** The montage from the usable footage: outside the clip when enough is left, else all of it. */
function planMontageFrom(usable: SourceRange[], clip: SourceRange, introSec: number, maxRate: number): { ranges: SourceRange[]; playbackRate: number } {
  const outside = subtractSpans(usable, [clip]);
  const available = outside.reduce((s, r) => s + r.end - r.start, 0);
  const all = usable.reduce((s, r) => s + r.end - r.start, 0);
  return planShots(available < Math.min(4, all) ? usable : outside, introSec, { minRate: 1, maxRate });
}

/**
 * A stable hash of one segment's spec (sha256 of its canonical JSON plus the render format), the
 * key of the segment render cache: editing one line changes only the segments that contain it.
 */
export function segmentHash(segment: TimelineSegment): string {
  const payload = { specVersion: TIMELINE_SPEC_VERSION, fps: TIMELINE_FPS, ...TIMELINE_SIZE, segment };
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

/** JSON with object keys sorted, so equal specs hash equally whatever order they were built in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function r6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
function ceilFrame(x: number): number {
  return r6(Math.ceil(x * TIMELINE_FPS - 1e-6) / TIMELINE_FPS);
}
function ceilTenth(x: number): number {
  return r6(Math.ceil(x * 10 - 1e-6) / 10);
}
