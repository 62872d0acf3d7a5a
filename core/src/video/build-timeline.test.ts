import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { EspeakTextToSpeech } from '../providers/tts/espeak-tts';
import { buildTimeline, canonicalJson, planMontage, segmentHash } from './build-timeline';
import { fakeTts, keyMomentAt, makeInput, makeScript } from './testing/fixtures';
import { SEGMENT_ORDER, segmentStarts } from './timeline-spec';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('buildTimeline', () => {
  it('lays out a ~90 s video in segment order, with Part 2 offsets preserved', async () => {
    const input = makeInput();
    const built = await buildTimeline(input);
    expect(built.issues).toEqual([]);
    if (!built.ok) return;
    const { spec } = built;
    expect(spec.segments.map((s) => s.kind)).toEqual([...SEGMENT_ORDER]);
    const { startSec, totalSec } = segmentStarts(spec);
    expect(totalSec).toBeGreaterThanOrEqual(85);
    expect(totalSec).toBeLessThanOrEqual(95);
    expect(startSec[3]).toBeCloseTo(50, 0); // the cut to the cook's clip at 0:50
    const clip = spec.segments[3];
    expect(clip.source).toEqual({ start: 38, end: 53 });
    expect(clip.durationSec).toBe(15);
    expect(clip.lines.map((l) => l.startSec)).toEqual(input.script.part2.map((l) => l.offset));
    expect(clip.lines.map((l) => l.text)).toEqual(input.script.part2.map((l) => l.text.ja));
    expect(clip.captions.map((c) => c.text)).toEqual(clip.lines.map((l) => l.text));
    // The montage avoids the clip and stays inside the source.
    for (const r of spec.segments[0].montage.ranges) {
      expect(r.end).toBeLessThanOrEqual(60);
      expect(r.end <= 38 || r.start >= 53).toBe(true);
    }
    // Every segment is on the 30 fps frame grid.
    for (const s of spec.segments) expect(Math.abs(s.durationSec * 30 - Math.round(s.durationSec * 30))).toBeLessThan(1e-3);
  });

  it('grows Part 1 and the diagnosis to fit long narration', async () => {
    const slow = async (text: string) => ({ key: text, durationSec: [...text].length * 0.4 });
    const built = await buildTimeline(makeInput({ tts: slow }));
    expect(built.ok).toBe(false); // Part 2 lines at 0.4 s/char no longer fit their slots…
    if (built.ok || !built.draft) return;
    const [intro, diagnosis] = built.draft.segments;
    const last = intro.lines[1]!;
    expect(intro.durationSec).toBeGreaterThan(25);
    expect(intro.durationSec).toBeGreaterThanOrEqual(last.startSec + last.audio.durationSec);
    expect(intro.lines[1]!.startSec).toBeGreaterThan(intro.lines[0]!.startSec + intro.lines[0]!.audio.durationSec);
    expect(diagnosis.durationSec).toBeGreaterThanOrEqual(diagnosis.lines[0]!.startSec + diagnosis.lines[0]!.audio.durationSec);
    // …and those are reported by line, never cut.
    expect(built.issues.every((i) => i.path.startsWith('segments.3.lines.') && i.lineId?.startsWith('part2.'))).toBe(true);
    expect(built.issues.length).toBeGreaterThan(0);
  });

  it('a key moment near the end gives a shorter clip that never runs past the source', async () => {
    // A script timed for the 8.5 s the source allows (composeNarrationScript's own offsets for a
    // short clip, 0.5/2.2/3.5/4.5 s, leave no room for the speech: see the report).
    const script = makeScript(keyMomentAt(50, 58.5));
    script.part2 = script.part2.map((l, i) => ({ ...l, offset: [0.5, 2.6, 4.7, 6.3][i] ?? l.offset }));
    const built = await buildTimeline(makeInput({ script, keyMoment: { start: 50, end: 65 }, source: { durationSec: 58.5, hasAudio: true } }));
    expect(built.issues).toEqual([]);
    if (!built.ok) return;
    const clip = built.spec.segments[3];
    expect(clip.source).toEqual({ start: 50, end: 58.5 });
    expect(clip.durationSec).toBe(8.5);
    expect(clip.lines.map((l) => l.startSec)).toEqual(script.part2.map((l) => l.offset));
    expect(clip.captions.every((c) => c.endSec <= 8.5)).toBe(true);
  });

  it('a script timed for a 15 s clip on a clip cut short by the source end: the overflowing lines, the rule among them, are reported, not cut', async () => {
    const moment = keyMomentAt(50, 65);
    const script = makeScript(moment);
    const built = await buildTimeline(makeInput({ script, keyMoment: moment, source: { durationSec: 58.5, hasAudio: true } }));
    expect(built.ok).toBe(false);
    const reported = built.issues.map((i) => i.lineId);
    expect(reported).toContain(`part2.${script.part2.length - 1}`); // the decisive rule
    for (const issue of built.issues) expect(issue.message).toMatch(/past the clip end at 8\.50 s|too long for its slot/);
    expect(!built.ok && built.draft?.segments[3].source.end).toBe(58.5);
  });

  it('reports a key moment with no room left in the source', async () => {
    const built = await buildTimeline(makeInput({ keyMoment: { start: 59.5, end: 70 } }));
    expect(built.ok).toBe(false);
    expect(built.issues[0]?.path).toBe('keyMoment');
  });

  it('reports an empty script before synthesizing anything', async () => {
    let calls = 0;
    const script = makeScript();
    const built = await buildTimeline(makeInput({ script: { ...script, part2: [] }, tts: async (t, l) => (calls++, fakeTts(t, l)) }));
    expect(built.ok).toBe(false);
    expect(built.issues[0]?.path).toBe('script.part2');
    expect(calls).toBe(0);
  });

  it('a video without audio: the clip plays muted', async () => {
    const built = await buildTimeline(makeInput({ source: { durationSec: 60, hasAudio: false } }));
    expect(built.ok && built.spec.segments[3].sourceAudio).toBe(false);
  });

  it('keeps emoji and mixed Latin/Japanese text in lines and captions', async () => {
    const script = makeScript();
    script.part2[0]!.text.ja = 'IHコンロでも🔥音が大事です。';
    const built = await buildTimeline(makeInput({ script }));
    expect(built.ok && built.spec.segments[3].captions[0]!.text).toBe('IHコンロでも🔥音が大事です。');
  });

  it('builds an English video from the same script', async () => {
    const built = await buildTimeline(makeInput({ locale: 'en' }));
    expect(built.ok && built.spec.segments[3].lines.map((l) => l.lang)).toEqual(['en', 'en', 'en', 'en']);
  });

  it('works with real espeak-ng durations, and reports Part 2 lines that real speech makes too long', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-timeline-tts-'));
    dirs.push(cacheDir);
    const espeak = new EspeakTextToSpeech({ cacheDir });
    const tts = async (text: string, lang: 'ja' | 'en') => espeak.synthesize(text, { lang });
    const script = makeScript();
    script.part2 = script.part2.map((l, i) => ({ ...l, offset: [0.5, 4.5, 8.5, 11.5][i] ?? l.offset }));
    const built = await buildTimeline(makeInput({ script, tts }));
    expect(built.issues).toEqual([]);
    if (!built.ok) return;
    expect(segmentStarts(built.spec).totalSec).toBeGreaterThan(85);
    expect(segmentStarts(built.spec).totalSec).toBeLessThan(95);
    for (const line of built.spec.segments.flatMap((s) => s.lines)) {
      expect(line.audio.durationSec).toBeGreaterThan(0.3);
      expect(fs.existsSync(path.join(cacheDir, line.audio.key.slice(0, 2), `${line.audio.key}.wav`))).toBe(true);
    }
    // Squeeze the first two Part 2 lines together: real speech no longer fits, and the line is named.
    script.part2[1]!.offset = 1.5;
    const squeezed = await buildTimeline(makeInput({ script, tts }));
    expect(squeezed.ok).toBe(false);
    expect(squeezed.issues.map((i) => i.lineId)).toEqual(['part2.0']);
  });
});

describe('segmentHash', () => {
  it('changes only for the segment whose line changed', async () => {
    const a = await buildTimeline(makeInput());
    const script = makeScript();
    script.part2[2]!.text.ja = '鍋の縁に注目。';
    const b = await buildTimeline(makeInput({ script }));
    if (!a.ok || !b.ok) throw new Error('expected valid specs');
    const ha = a.spec.segments.map(segmentHash);
    const hb = b.spec.segments.map(segmentHash);
    expect(hb.map((h, i) => h !== ha[i])).toEqual([false, false, false, true, false]);

    const script2 = makeScript();
    script2.diagnosis.ja = 'あいこさん、今回は卵が早すぎました。';
    const c = await buildTimeline(makeInput({ script: script2 }));
    if (!c.ok) throw new Error('expected a valid spec');
    expect(c.spec.segments.map(segmentHash).map((h, i) => h !== ha[i])).toEqual([false, true, false, false, false]);
  });

  it('is stable across key order and rebuilds', async () => {
    const a = await buildTimeline(makeInput());
    const b = await buildTimeline(makeInput());
    if (!a.ok || !b.ok) throw new Error('expected valid specs');
    expect(b.spec.segments.map(segmentHash)).toEqual(a.spec.segments.map(segmentHash));
    const pivot = a.spec.segments[2];
    const reordered = JSON.parse(canonicalJson(pivot)) as typeof pivot;
    expect(segmentHash({ lines: reordered.lines, durationSec: reordered.durationSec, kind: 'pivot' })).toBe(segmentHash(pivot));
    expect(segmentHash(pivot)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('planMontage', () => {
  it('spreads shots over the source outside the clip and fills the intro exactly', () => {
    const m = planMontage(300, { start: 120, end: 135 }, 25);
    expect(m.playbackRate).toBe(8);
    const total = m.ranges.reduce((s, r) => s + r.end - r.start, 0);
    expect(total / m.playbackRate).toBeCloseTo(25, 5);
    expect(m.ranges.every((r) => r.end <= 120 || r.start >= 135)).toBe(true);
    expect(m.ranges[0]!.start).toBe(0);
    expect(m.ranges[m.ranges.length - 1]!.end).toBeCloseTo(300, 5);
  });

  it('loops a source shorter than the intro at 1×', () => {
    const m = planMontage(12, { start: 2, end: 10 }, 25);
    expect(m.playbackRate).toBe(1);
    const total = m.ranges.reduce((s, r) => s + r.end - r.start, 0);
    expect(total).toBeCloseTo(25, 5);
    expect(m.ranges.every((r) => r.start >= 0 && r.end <= 12)).toBe(true);
  });
});
