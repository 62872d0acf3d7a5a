/**
 * The plain input the FFmpeg renderer needs. The zod timeline spec (core/src/video/timeline-spec.ts)
 * is mapped to this; the renderer knows nothing about scripts, sessions or versions.
 *
 * Times are seconds. Segment-local times (narration startSec, caption startSec/endSec) are
 * measured from the start of the segment.
 */
export type RenderSegmentKind = 'intro' | 'diagnosis' | 'pivot' | 'clip' | 'outro';

export interface CardBackground {
  type: 'card';
  title: string;
  subtitle?: string;
  /** Top and bottom colours of a vertical gradient (ffmpeg colour syntax, e.g. '#1d2b3a'). */
  colors?: [string, string];
}

export interface SourceRange {
  start: number;
  end: number;
  /** Speed of this range when it differs from the background's rate (e.g. a 0.5× replay). */
  rate?: number;
}

export interface SourceBackground {
  type: 'source';
  /** The source video (the cook's upload or its proxy). */
  path: string;
  /** Played in order, back to back. */
  ranges: SourceRange[];
  /** Speed factor: 1 = real time, 4 = a four-times sped-up montage. */
  rate: number;
  /** Source audio gain (0 = muted, the default). Ducked under narration when > 0. Slowed ranges are silent. */
  sourceVolume?: number;
  /** Darkening laid over the footage so text reads: black at this opacity (0 = none). */
  dim?: number;
}

/** A rectangle outline (output pixels) shown between startSec and endSec: where the moment happened. */
export interface MarkerBox {
  x: number;
  y: number;
  w: number;
  h: number;
  startSec: number;
  endSec: number;
}

export interface NarrationLine {
  audioPath: string;
  startSec: number;
}

export interface Caption {
  text: string;
  startSec: number;
  endSec: number;
}

export interface RenderSegment {
  kind: RenderSegmentKind;
  durationSec: number;
  background: CardBackground | SourceBackground;
  narration: NarrationLine[];
  captions: Caption[];
  /** Title text laid over a footage background, drawn like a card's. */
  title?: { title: string; subtitle?: string };
  marker?: MarkerBox;
  music: boolean;
  applause: boolean;
}

export interface RenderInput {
  segments: RenderSegment[];
}

/** Output format shared by every segment, so the final join is a stream copy. */
export const RENDER_FORMAT = {
  width: 1280,
  height: 720,
  fps: 30,
  sampleRate: 48_000,
  channels: 2,
} as const;

/** Checks what ffmpeg would otherwise fail on obscurely. Throws an Error naming the problem. */
export function validateRenderSegment(segment: RenderSegment, index = 0): void {
  const at = `segment ${index} (${segment.kind})`;
  if (!(segment.durationSec > 0) || !Number.isFinite(segment.durationSec)) throw new Error(`${at}: durationSec must be > 0`);
  const bg = segment.background;
  if (bg.type === 'source') {
    if (!(bg.rate > 0)) throw new Error(`${at}: rate must be > 0`);
    if (bg.ranges.length === 0) throw new Error(`${at}: a source background needs at least one range`);
    for (const r of bg.ranges) {
      if (!(r.start >= 0 && r.end > r.start)) throw new Error(`${at}: bad source range ${r.start}–${r.end}`);
      if (r.rate !== undefined && !(r.rate > 0)) throw new Error(`${at}: rate must be > 0`);
    }
  }
  for (const n of segment.narration) {
    if (!(n.startSec >= 0 && n.startSec < segment.durationSec)) throw new Error(`${at}: narration starts outside the segment (${n.startSec} s)`);
  }
  for (const c of segment.captions) {
    if (!(c.endSec > c.startSec && c.startSec >= 0)) throw new Error(`${at}: bad caption time ${c.startSec}–${c.endSec}`);
  }
}
