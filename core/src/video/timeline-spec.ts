import { z } from 'zod';

/**
 * The coaching video's timeline spec: the single source of truth for the live preview
 * (remotion/, @remotion/player) and the final render. Versioned (`specVersion`), stored per
 * render version. Times are seconds; every `startSec` / line offset is relative to its segment
 * (for the clip: to the clip's first frame). Segments play in this fixed order:
 *
 *   intro (sped-up montage + music + Part 1) → diagnosis (title card + narration) → pivot →
 *   clip (the cook's footage, Part 2 lines at offsets, captions) → outro (music, applause, card)
 */
export const TIMELINE_SPEC_VERSION = 1;
export const TIMELINE_FPS = 30;
export const TIMELINE_SIZE = { width: 1280, height: 720 } as const;
/** One frame: the tolerance for comparing durations that are laid out on the frame grid. */
export const FRAME_SEC = 1 / TIMELINE_FPS;
/** Narration lines keep at least this much silence before the next line starts. */
export const MIN_LINE_GAP_SEC = 0.1;

const sec = z.number().finite().min(0);
const text = z.string().trim().min(1, 'must not be empty');

export const sourceRangeSchema = z
  .object({ start: sec, end: sec })
  .refine((r) => r.end > r.start, { message: 'end must be after start' });
export type SourceRange = z.infer<typeof sourceRangeSchema>;

/** A synthesized audio asset: the TTS cache key and its measured duration. */
export const audioAssetSchema = z.object({ key: z.string().min(1), durationSec: z.number().finite().positive() });

export const narrationLineSchema = z.object({
  /** Stable id naming the script line: part1.intro, part1.principle, diagnosis, pivot, part2.0… */
  id: z.string().min(1),
  text,
  lang: z.enum(['ja', 'en']),
  audio: audioAssetSchema,
  /** Start inside the segment (for clip lines: the Part 2 offset inside the clip). */
  startSec: sec,
});
export type NarrationLine = z.infer<typeof narrationLineSchema>;

/** Synthesized by the project (no downloaded assets): `synth:<name>`. */
const synthAsset = z.string().regex(/^synth:[a-z0-9-]+$/, 'must be a synth:<name> asset');
export const musicSchema = z.object({
  track: synthAsset,
  /** Level of the bed, dB (negative). */
  gainDb: z.number().max(0),
  /** Extra attenuation while narration plays, dB (negative, 0 = no ducking). */
  duckDb: z.number().max(0),
});

const card = z.object({ title: text, body: z.string().trim() });

/**
 * The cook's footage behind a segment's text: ranges back to back at one rate, darkened by `dim`
 * (0 = as filmed) so the text reads. Absent on specs made before footage replaced the cards.
 */
export const footageSchema = z.object({
  ranges: z.array(sourceRangeSchema).min(1),
  playbackRate: z.number().min(0.25).max(16),
  dim: z.number().min(0).max(0.9),
});
export type Footage = z.infer<typeof footageSchema>;

/** Where in the cook's frame the moment happened, as fractions of the source picture (0..1). */
export const markerSchema = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  w: z.number().positive().max(1),
  h: z.number().positive().max(1),
});
export type Marker = z.infer<typeof markerSchema>;

/** Slow motion of the key moment after the clip: `ranges` back to back at `rate` (0.25–0.5×). */
export const replaySchema = z.object({
  ranges: z.array(sourceRangeSchema).min(1),
  rate: z.number().min(0.25).max(0.5),
  /** The measured region of the movement; null when the analysis did not locate it (no marker then). */
  marker: markerSchema.nullable(),
});
export type Replay = z.infer<typeof replaySchema>;

/** What the layout changed to make the script fit (shown to the coach), in both languages. */
export const ADJUSTMENT_CODES = ['clip_widened', 'clip_extended', 'clip_moved', 'line_moved', 'lines_packed', 'replay_slowed', 'replay_extended', 'footage_skipped'] as const;
export const adjustmentSchema = z.object({
  code: z.enum(ADJUSTMENT_CODES),
  lineId: z.string().optional(),
  ja: z.string().min(1),
  en: z.string().min(1),
});
export type TimelineAdjustment = z.infer<typeof adjustmentSchema>;

export const introSegmentSchema = z.object({
  kind: z.literal('intro'),
  durationSec: z.number().positive(),
  montage: z.object({
    ranges: z.array(sourceRangeSchema).min(1),
    /** Playback speed of the montage (≥ 1): the ranges' total length ÷ rate = durationSec. */
    playbackRate: z.number().min(1).max(16),
  }),
  music: musicSchema,
  lines: z.array(narrationLineSchema).min(1, 'Part 1 narration must not be empty'),
});

export const diagnosisSegmentSchema = z.object({
  kind: z.literal('diagnosis'),
  durationSec: z.number().positive(),
  card,
  footage: footageSchema.optional(),
  music: musicSchema.nullable(),
  lines: z.array(narrationLineSchema).min(1, 'the diagnosis must not be empty'),
});

export const pivotSegmentSchema = z.object({
  kind: z.literal('pivot'),
  durationSec: z.number().positive(),
  footage: footageSchema.optional(),
  lines: z.array(narrationLineSchema).length(1, 'the pivot is one line'),
});

export const clipSegmentSchema = z.object({
  kind: z.literal('clip'),
  durationSec: z.number().positive(),
  source: sourceRangeSchema,
  /** Played after `source` (durationSec = the source range + the replay at its rate). */
  replay: replaySchema.optional(),
  /** Whether the cook's own sound plays (false for a video without audio). */
  sourceAudio: z.boolean(),
  /** Source sound level under narration, dB (negative): the sizzle stays audible. */
  sourceDuckDb: z.number().max(0),
  lines: z.array(narrationLineSchema).min(1, 'Part 2 narration must not be empty'),
  captions: z.array(z.object({ startSec: sec, endSec: sec, text })),
});

export const outroSegmentSchema = z.object({
  kind: z.literal('outro'),
  durationSec: z.number().positive(),
  music: musicSchema,
  applause: z.object({ track: synthAsset, startSec: sec, durationSec: z.number().positive(), gainDb: z.number().max(0) }),
  card,
  footage: footageSchema.optional(),
  /** The outro has no narration (kept for a uniform segment shape). */
  lines: z.array(narrationLineSchema).max(0, 'the outro has no narration'),
});

export const timelineSegmentSchema = z.discriminatedUnion('kind', [
  introSegmentSchema,
  diagnosisSegmentSchema,
  pivotSegmentSchema,
  clipSegmentSchema,
  outroSegmentSchema,
]);
export type TimelineSegment = z.infer<typeof timelineSegmentSchema>;
export type IntroSegment = z.infer<typeof introSegmentSchema>;
export type DiagnosisSegment = z.infer<typeof diagnosisSegmentSchema>;
export type PivotSegment = z.infer<typeof pivotSegmentSchema>;
export type ClipSegment = z.infer<typeof clipSegmentSchema>;
export type OutroSegment = z.infer<typeof outroSegmentSchema>;
export type SegmentKind = TimelineSegment['kind'];
export const SEGMENT_ORDER = ['intro', 'diagnosis', 'pivot', 'clip', 'outro'] as const satisfies readonly SegmentKind[];

const timelineShape = z.object({
  specVersion: z.literal(TIMELINE_SPEC_VERSION),
  fps: z.literal(TIMELINE_FPS),
  width: z.literal(TIMELINE_SIZE.width),
  height: z.literal(TIMELINE_SIZE.height),
  locale: z.enum(['ja', 'en']),
  /** The cook's footage this spec cuts from. */
  source: z.object({
    key: z.string().min(1).optional(),
    durationSec: z.number().positive(),
    hasAudio: z.boolean(),
    /** Width ÷ height of the cook's picture (for placing the marker); absent = fills the frame. */
    aspect: z.number().positive().optional(),
  }),
  /** What the layout changed to make the script fit the footage (empty when nothing). */
  adjustments: z.array(adjustmentSchema).optional(),
  segments: z.tuple([introSegmentSchema, diagnosisSegmentSchema, pivotSegmentSchema, clipSegmentSchema, outroSegmentSchema]),
});

/** A timeline issue: where (a dotted path into the spec) and why. */
export interface TimelineIssue {
  path: string;
  message: string;
  /** The narration line concerned, when there is one (e.g. "part2.1"). */
  lineId?: string;
}

/** Cross-field rules zod's shape cannot express: timing, overlaps, ranges inside the source. */
export function timelineIssues(spec: z.infer<typeof timelineShape>): TimelineIssue[] {
  const issues: TimelineIssue[] = [];
  const src = spec.source.durationSec;
  const eps = 1e-6;
  const fmt = (x: number) => x.toFixed(2);

  spec.segments.forEach((segment, s) => {
    const at = `segments.${s}`;
    // Narration: each line must end before the next one starts and before the segment ends.
    const slotEnd = segment.kind === 'clip' ? 'the clip end' : `the end of the ${segment.kind} segment`;
    segment.lines.forEach((line, i) => {
      const path = `${at}.lines.${i}`;
      const end = line.startSec + line.audio.durationSec;
      const quoted = `"${line.id}" (${JSON.stringify(line.text.length > 40 ? `${line.text.slice(0, 40)}…` : line.text)})`;
      const next = segment.lines[i + 1];
      if (next && next.startSec <= line.startSec) {
        issues.push({ path: `${path}.startSec`, lineId: line.id, message: `line ${quoted} starts at ${fmt(line.startSec)} s, not before the next line "${next.id}" (${fmt(next.startSec)} s): lines must be in order` });
      } else if (next && end > next.startSec - MIN_LINE_GAP_SEC + eps) {
        issues.push({
          path,
          lineId: line.id,
          message: `line ${quoted} is too long for its slot: its audio (${fmt(line.audio.durationSec)} s from ${fmt(line.startSec)} s) runs until ${fmt(end)} s and overlaps the next line "${next.id}" at ${fmt(next.startSec)} s; shorten it or move the next line later`,
        });
      }
      if (end > segment.durationSec + eps) {
        issues.push({
          path,
          lineId: line.id,
          message: `line ${quoted} is too long for its slot: its audio (${fmt(line.audio.durationSec)} s from ${fmt(line.startSec)} s) runs until ${fmt(end)} s, past ${slotEnd} at ${fmt(segment.durationSec)} s; shorten it${segment.kind === 'clip' ? ' or start it earlier' : ''}`,
        });
      }
    });

    const footage = segment.kind === 'intro' ? { path: 'montage', ...segment.montage } : 'footage' in segment && segment.footage ? { path: 'footage', ...segment.footage } : null;
    if (footage) {
      footage.ranges.forEach((r, i) => {
        if (r.end > src + eps) issues.push({ path: `${at}.${footage.path}.ranges.${i}`, message: `${footage.path} range ${fmt(r.start)}–${fmt(r.end)} s runs past the end of the source video (${fmt(src)} s)` });
      });
      const covered = footage.ranges.reduce((sum, r) => sum + (r.end - r.start), 0) / footage.playbackRate;
      if (Math.abs(covered - segment.durationSec) > FRAME_SEC + eps) {
        issues.push({ path: `${at}.${footage.path}`, message: `the ${footage.path} lasts ${fmt(covered)} s at ${footage.playbackRate}× but the ${segment.kind} is ${fmt(segment.durationSec)} s` });
      }
    }
    if (segment.kind === 'clip') {
      if (segment.source.end > src + eps) {
        issues.push({ path: `${at}.source`, message: `the clip ${fmt(segment.source.start)}–${fmt(segment.source.end)} s runs past the end of the source video (${fmt(src)} s)` });
      }
      const replay = segment.replay;
      replay?.ranges.forEach((r, i) => {
        if (r.end > src + eps) issues.push({ path: `${at}.replay.ranges.${i}`, message: `replay range ${fmt(r.start)}–${fmt(r.end)} s runs past the end of the source video (${fmt(src)} s)` });
      });
      const replaySec = replay ? replay.ranges.reduce((sum, r) => sum + (r.end - r.start), 0) / replay.rate : 0;
      const length = segment.source.end - segment.source.start + replaySec;
      if (Math.abs(length - segment.durationSec) > 2 * FRAME_SEC + eps) {
        issues.push({ path: `${at}.durationSec`, message: `the clip segment is ${fmt(segment.durationSec)} s but its source range${replay ? ' and slow replay' : ''} last ${fmt(length)} s` });
      }
      if (segment.sourceAudio && !spec.source.hasAudio) issues.push({ path: `${at}.sourceAudio`, message: 'the source video has no audio track' });
      segment.captions.forEach((c, i) => {
        if (c.endSec <= c.startSec) issues.push({ path: `${at}.captions.${i}`, message: 'caption must end after it starts' });
        else if (c.endSec > segment.durationSec + eps) issues.push({ path: `${at}.captions.${i}`, message: `caption ends at ${fmt(c.endSec)} s, past the clip end (${fmt(segment.durationSec)} s)` });
      });
    }
    if (segment.kind === 'outro' && segment.applause.startSec + segment.applause.durationSec > segment.durationSec + eps) {
      issues.push({ path: `${at}.applause`, message: 'the applause runs past the end of the outro' });
    }
  });
  return issues;
}

export const timelineSpecSchema = timelineShape.superRefine((spec, ctx) => {
  for (const issue of timelineIssues(spec)) {
    ctx.addIssue({ code: 'custom', path: issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: issue.message, ...(issue.lineId ? { params: { lineId: issue.lineId } } : {}) });
  }
});
export type TimelineSpec = z.infer<typeof timelineSpecSchema>;

export class TimelineSpecError extends Error {
  constructor(readonly issues: TimelineIssue[]) {
    super(`Invalid timeline spec:\n${issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
    this.name = 'TimelineSpecError';
  }
}

export type TimelineValidation = { ok: true; spec: TimelineSpec } | { ok: false; issues: TimelineIssue[] };

/** Validates anything (e.g. a stored JSON spec); every problem is reported, with its path. */
export function validateTimelineSpec(input: unknown): TimelineValidation {
  const shape = timelineShape.safeParse(input);
  if (!shape.success) {
    const segments = (input as { segments?: unknown } | null)?.segments;
    return {
      ok: false,
      issues: shape.error.issues.map((i) => {
        const path = i.path.join('.');
        const lineMatch = /^segments\.(\d+)\.lines\.(\d+)/.exec(path);
        const lineId = lineMatch && Array.isArray(segments) ? (segments[Number(lineMatch[1])] as { lines?: Array<{ id?: unknown }> } | undefined)?.lines?.[Number(lineMatch[2])]?.id : undefined;
        return { path, message: i.message, ...(typeof lineId === 'string' ? { lineId } : {}) };
      }),
    };
  }
  const issues = timelineIssues(shape.data);
  return issues.length ? { ok: false, issues } : { ok: true, spec: shape.data };
}

/** Like validateTimelineSpec, but throws a TimelineSpecError listing every issue. */
export function parseTimelineSpec(input: unknown): TimelineSpec {
  const result = validateTimelineSpec(input);
  if (!result.ok) throw new TimelineSpecError(result.issues);
  return result.spec;
}

/** Where each segment starts in the video, and the total length. */
export function segmentStarts(spec: TimelineSpec): { startSec: number[]; totalSec: number } {
  const startSec: number[] = [];
  let t = 0;
  for (const segment of spec.segments) {
    startSec.push(t);
    t += segment.durationSec;
  }
  return { startSec, totalSec: t };
}

/** Frames of a duration on the spec's grid (the renderers and the preview use this, so they agree). */
export function toFrames(seconds: number): number {
  return Math.round(seconds * TIMELINE_FPS);
}
