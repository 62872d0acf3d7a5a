import { describe, expect, it } from 'vitest';
import { frameAlignedDuration } from '@ajimi/core/render/render-segment';
import { buildTimeline } from '@ajimi/core/video/build-timeline';
import { makeInput } from '@ajimi/core/video/testing/fixtures';
import { segmentFrames, totalFrames } from './timing';

describe('segmentFrames', () => {
  it('lays segments on the frame grid exactly as the FFmpeg renderer joins them', async () => {
    const built = await buildTimeline(makeInput());
    if (!built.ok) throw new Error(JSON.stringify(built.issues));
    const spec = built.spec;
    const frames = segmentFrames(spec);
    let at = 0;
    spec.segments.forEach((segment, i) => {
      expect(frames.from[i]).toBe(at);
      // The FFmpeg renderer's segment length in frames.
      expect(frames.durationInFrames[i]).toBe(Math.round(frameAlignedDuration(segment.durationSec) * spec.fps));
      at += frames.durationInFrames[i]!;
    });
    expect(totalFrames(spec)).toBe(at);
  });
});
