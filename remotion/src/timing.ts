import { toFrames } from '@ajimi/core/video/timeline-spec';
import type { TimelineSpec } from '@ajimi/core/video/timeline-spec';

/**
 * Each segment's first frame and length in frames. Segments are laid on the frame grid one by
 * one (toFrames of each duration), exactly as the FFmpeg renderer joins its frame-aligned
 * segments, so a frame number means the same picture in the preview and in the final MP4.
 */
export function segmentFrames(spec: TimelineSpec): { from: number[]; durationInFrames: number[]; totalFrames: number } {
  const from: number[] = [];
  const durationInFrames: number[] = [];
  let at = 0;
  for (const segment of spec.segments) {
    const frames = Math.max(1, toFrames(segment.durationSec));
    from.push(at);
    durationInFrames.push(frames);
    at += frames;
  }
  return { from, durationInFrames, totalFrames: at };
}

/** The composition's length in frames (what calculateMetadata and the Player use). */
export function totalFrames(spec: TimelineSpec): number {
  return segmentFrames(spec).totalFrames;
}
