import { describe, expect, it } from 'vitest';
import { localIssues, markClip, moveClip, sameDraft, setClipEdge } from './script';
import { scriptLine, VALID_NARRATION_SCRIPT } from '@ajimi/core/contracts/testing/narration-script-fixture';
import type { NarrationScript } from './types';

const line = scriptLine;
const base = VALID_NARRATION_SCRIPT;

describe('localIssues', () => {
  it('accepts a valid script', () => {
    expect(localIssues(base)).toEqual([]);
  });
  it('names the line whose offset does not increase, and an empty line', () => {
    const s: NarrationScript = { ...base, diagnosis: line(' ', 'x'), part2: [base.part2[0]!, { ...base.part2[1]!, offset: 0.5 }] };
    expect(localIssues(s)).toEqual([
      { lineId: 'diagnosis', message: 'ajimi.reviews.script.empty_line' },
      { lineId: 'part2.1', message: 'ajimi.reviews.script.offsets_increase' },
    ]);
  });
  it('wants the decisive rule last', () => {
    const s: NarrationScript = { ...base, part2: [base.part2[0]!] };
    expect(localIssues(s)).toEqual([{ lineId: 'part2.0', message: 'ajimi.reviews.script.last_is_rule' }]);
  });
});

describe('clip edits', () => {
  it('moves inside the video and keeps the length', () => {
    expect(moveClip({ start: 20, end: 35 }, 10, 40)).toEqual({ start: 25, end: 40 });
    expect(moveClip({ start: 20, end: 35 }, -30, 40)).toEqual({ start: 0, end: 15 });
  });
  it('resizes one edge and keeps a minimum length', () => {
    expect(setClipEdge({ start: 20, end: 35 }, 'start', 34.5, 90)).toEqual({ start: 33, end: 35 });
    expect(setClipEdge({ start: 20, end: 35 }, 'end', 120, 90)).toEqual({ start: 20, end: 90 });
  });
});

describe('markClip (I / O)', () => {
  it('sets an edge at the playhead', () => {
    expect(markClip({ start: 20, end: 35 }, 'start', 18.25, 90)).toEqual({ start: 18.25, end: 35 });
    expect(markClip({ start: 20, end: 35 }, 'end', 40, 90)).toEqual({ start: 20, end: 40 });
  });
  it('moves the clip when the playhead is past the other edge', () => {
    expect(markClip({ start: 20, end: 35 }, 'start', 50, 90)).toEqual({ start: 50, end: 65 });
    expect(markClip({ start: 20, end: 35 }, 'end', 10, 90)).toEqual({ start: 0, end: 15 });
  });
});

describe('sameDraft', () => {
  it('ignores surrounding spaces and sub-centisecond clip jitter', () => {
    const a = { script: base, keyMoment: { start: 20, end: 35 } };
    const b = { script: { ...base, pivot: line(' 見てみましょう。', "Let's look. ") }, keyMoment: { start: 20.001, end: 35 } };
    expect(sameDraft(a, b)).toBe(true);
    expect(sameDraft(a, { ...a, keyMoment: { start: 21, end: 35 } })).toBe(false);
  });
});
