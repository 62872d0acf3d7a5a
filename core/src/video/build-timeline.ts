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

export type TimelineLocale = 'ja' | 'en';

/** Synthesizes one line: the TTS cache key and its measured duration (see providers/tts). */
export type TimelineTts = (text: string, lang: TimelineLocale) => Promise<{ key: string; durationSec: number }>;

export interface BuildTimelineInput {
  script: NarrationScript;
  /** The chosen key moment, seconds in the source video. */
  keyMoment: { start: number; end: number };
  source: { durationSec: number; hasAudio: boolean; key?: string | undefined };
  learnerName: string;
  dish: Bilingual;
  locale: TimelineLocale;
  tts: TimelineTts;
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

/** Shortest clip worth showing. */
export const MIN_CLIP_SEC = 2;

export type BuildTimelineResult =
  | { ok: true; spec: TimelineSpec; issues: [] }
  /** `draft` is the laid-out spec that failed validation (null when the input could not be laid out). */
  | { ok: false; issues: TimelineIssue[]; draft: TimelineSpec | null };

/**
 * Lays the coaching video out around the real TTS durations: Part 1 and the diagnosis set the
 * length of their segments (at least their targets, longer when the narration needs it), the
 * pivot follows, the clip is the key moment as it is in the source (clamped to the source's
 * end, so shorter when the moment is near the end), with Part 2 lines at their script offsets,
 * then the outro. A Part 2 line that does not fit its slot is a validation issue naming the line:
 * nothing is cut or moved silently.
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

  // The clip: the key moment, clamped to the source, on the frame grid.
  const clipStart = r6(Math.min(Math.max(0, input.keyMoment.start), source.durationSec));
  const clipEndWanted = Math.min(input.keyMoment.end, source.durationSec);
  const clipFrames = Math.floor((clipEndWanted - clipStart) * TIMELINE_FPS + 1e-6);
  if (clipFrames < MIN_CLIP_SEC * TIMELINE_FPS) {
    return {
      ok: false,
      draft: null,
      issues: [{ path: 'keyMoment', message: `the key moment ${input.keyMoment.start.toFixed(2)}–${input.keyMoment.end.toFixed(2)} s leaves less than ${MIN_CLIP_SEC} s of clip inside the source video (${source.durationSec.toFixed(2)} s)` }],
    };
  }
  const clipSec = r6(clipFrames / TIMELINE_FPS);
  const clipRange: SourceRange = { start: clipStart, end: r6(clipStart + clipSec) };

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

  // Intro: Part 1 lines one after the other; the segment grows to fit them.
  intro!.startSec = layout.introLeadSec;
  principle!.startSec = ceilTenth(intro!.startSec + intro!.audio.durationSec + layout.lineGapSec);
  const introSec = ceilFrame(Math.max(layout.introSec, principle!.startSec + principle!.audio.durationSec + layout.tailSec));
  diagnosis!.startSec = layout.diagnosisLeadSec;
  const diagnosisSec = ceilFrame(Math.max(layout.diagnosisSec, diagnosis!.startSec + diagnosis!.audio.durationSec + layout.tailSec));
  pivot!.startSec = layout.pivotLeadSec;
  const pivotSec = ceilFrame(Math.max(layout.pivotSec, pivot!.startSec + pivot!.audio.durationSec + layout.pivotTailSec));

  const montage = planMontage(source.durationSec, clipRange, introSec, layout.maxMontageRate);
  const clip: ClipSegment = {
    kind: 'clip',
    durationSec: clipSec,
    source: clipRange,
    sourceAudio: source.hasAudio,
    sourceDuckDb: -12,
    lines: part2,
    captions: captionsFor(part2, clipSec),
  };
  const ja = locale === 'ja';
  const draft: TimelineSpec = {
    specVersion: TIMELINE_SPEC_VERSION,
    fps: TIMELINE_FPS,
    width: TIMELINE_SIZE.width,
    height: TIMELINE_SIZE.height,
    locale,
    source: { ...(source.key ? { key: source.key } : {}), durationSec: source.durationSec, hasAudio: source.hasAudio },
    segments: [
      { kind: 'intro', durationSec: introSec, montage, music: { track: 'synth:intro-theme', gainDb: -14, duckDb: -10 }, lines: [intro!, principle!] },
      {
        kind: 'diagnosis',
        durationSec: diagnosisSec,
        card: { title: ja ? `${input.learnerName}さんへ ― 今回のポイント` : `${input.learnerName}: this session's point`, body: pick(input.dish) },
        music: null,
        lines: [diagnosis!],
      },
      { kind: 'pivot', durationSec: pivotSec, lines: [pivot!] },
      clip,
      {
        kind: 'outro',
        durationSec: ceilFrame(layout.outroSec),
        music: { track: 'synth:outro-theme', gainDb: -12, duckDb: 0 },
        applause: { track: 'synth:applause', startSec: 0.5, durationSec: Math.min(6, ceilFrame(layout.outroSec) - 0.5), gainDb: -8 },
        card: {
          title: ja ? 'おつかれさまでした' : 'Well done',
          body: ja ? `${input.learnerName}さんの${input.dish.ja}` : `${input.learnerName}'s ${input.dish.en.toLowerCase()}`,
        },
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
  let intervals: SourceRange[] = [
    { start: 0, end: clip.start },
    { start: clip.end, end: sourceSec },
  ].filter((r) => r.end - r.start >= 0.5);
  let available = intervals.reduce((s, r) => s + r.end - r.start, 0);
  if (available < Math.min(4, sourceSec)) {
    intervals = [{ start: 0, end: sourceSec }];
    available = sourceSec;
  }
  const playbackRate = Math.min(maxRate, Math.max(1, Math.floor((available / introSec) * 4) / 4));
  const needed = introSec * playbackRate;
  const shots = Math.min(8, Math.max(3, Math.round(introSec / 4)));
  const shotLen = needed / shots;

  // Virtual time: the available intervals laid end to end.
  const toReal = (vStart: number, vEnd: number): SourceRange[] => {
    const out: SourceRange[] = [];
    let offset = 0;
    for (const r of intervals) {
      const len = r.end - r.start;
      const a = Math.max(vStart, offset);
      const b = Math.min(vEnd, offset + len);
      if (b - a > 1e-9) out.push({ start: r6(r.start + a - offset), end: r6(r.start + b - offset) });
      offset += len;
    }
    return out;
  };
  const ranges: SourceRange[] = [];
  if (needed <= available + 1e-9) {
    for (let i = 0; i < shots; i++) {
      const vStart = shots === 1 ? (available - shotLen) / 2 : (i * (available - shotLen)) / (shots - 1);
      ranges.push(...toReal(vStart, vStart + shotLen));
    }
  } else {
    // Loop the whole available footage at 1× until the intro is covered.
    let left = needed;
    while (left > 1e-9) {
      const take = Math.min(left, available);
      ranges.push(...toReal(0, take));
      left -= take;
    }
  }
  return { ranges, playbackRate };
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
