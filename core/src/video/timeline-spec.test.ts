import { describe, expect, it } from 'vitest';
import { buildTimeline } from './build-timeline';
import { makeInput } from './testing/fixtures';
import { parseTimelineSpec, segmentStarts, TimelineSpecError, toFrames, validateTimelineSpec } from './timeline-spec';
import type { TimelineSpec } from './timeline-spec';

async function validSpec(): Promise<TimelineSpec> {
  const built = await buildTimeline(makeInput());
  if (!built.ok) throw new Error(JSON.stringify(built.issues));
  return built.spec;
}

describe('timeline spec validation', () => {
  it('accepts a built spec and survives a JSON round trip', async () => {
    const spec = await validSpec();
    expect(parseTimelineSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
    expect(spec.specVersion).toBe(1);
    expect([spec.fps, spec.width, spec.height]).toEqual([30, 1280, 720]);
    const { startSec, totalSec } = segmentStarts(spec);
    expect(startSec[0]).toBe(0);
    expect(toFrames(totalSec)).toBe(spec.segments.reduce((n, s) => n + toFrames(s.durationSec), 0));
  });

  it('a Part 2 line whose audio overlaps the next line is an error naming the line', async () => {
    const spec = await validSpec();
    const clip = spec.segments[3];
    clip.lines[1]!.audio.durationSec = clip.lines[2]!.startSec - clip.lines[1]!.startSec + 0.5;
    const result = validateTimelineSpec(spec);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ path: 'segments.3.lines.1', lineId: 'part2.1' });
    expect(result.issues[0]!.message).toMatch(/"part2\.1".*too long for its slot.*overlaps the next line "part2\.2"/);
    expect(result.issues[0]!.message).toContain(clip.lines[1]!.text);
  });

  it('a line running past the clip end is an error, never cut', async () => {
    const spec = await validSpec();
    const clip = spec.segments[3];
    const last = clip.lines[clip.lines.length - 1]!;
    last.audio.durationSec = clip.durationSec - last.startSec + 1;
    const result = validateTimelineSpec(spec);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.lineId)).toEqual([last.id]);
    expect(result.issues[0]!.message).toMatch(/past the clip end/);
    // The spec is untouched: nothing was shortened to make it fit.
    expect(last.audio.durationSec).toBeCloseTo(clip.durationSec - last.startSec + 1);
  });

  it('a diagnosis line running past its segment is an error', async () => {
    const spec = await validSpec();
    spec.segments[1].lines[0]!.audio.durationSec = spec.segments[1].durationSec;
    const result = validateTimelineSpec(spec);
    expect(!result.ok && result.issues[0]).toMatchObject({ path: 'segments.1.lines.0', lineId: 'diagnosis' });
  });

  it('empty script parts are errors with their paths', async () => {
    const spec = await validSpec();
    spec.segments[3].lines = [];
    spec.segments[0].lines[0]!.text = '   ';
    const result = validateTimelineSpec(spec);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.issues.map((i) => [i.path, i]));
    expect(byPath['segments.3.lines']?.message).toMatch(/Part 2 narration must not be empty/);
    expect(byPath['segments.0.lines.0.text']).toMatchObject({ lineId: 'part1.intro', message: 'must not be empty' });
  });

  it('a clip range outside the source is an error', async () => {
    const spec = await validSpec();
    spec.source.durationSec = 50;
    const result = validateTimelineSpec(spec);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.find((i) => i.path === 'segments.3.source')?.message).toMatch(/runs past the end of the source video \(50\.00 s\)/);
  });

  it('segments must come in order, and the version must match', async () => {
    const spec = await validSpec();
    const swapped = { ...spec, segments: [spec.segments[1], spec.segments[0], ...spec.segments.slice(2)] };
    expect(validateTimelineSpec(swapped).ok).toBe(false);
    expect(() => parseTimelineSpec({ ...spec, specVersion: 2 })).toThrow(TimelineSpecError);
    expect(() => parseTimelineSpec({ ...spec, specVersion: 2 })).toThrow(/specVersion/);
  });

  it('clip audio on a source without audio is an error', async () => {
    const spec = await validSpec();
    spec.source.hasAudio = false;
    const result = validateTimelineSpec(spec);
    expect(!result.ok && result.issues.map((i) => i.path)).toEqual(['segments.3.sourceAudio']);
  });
});
