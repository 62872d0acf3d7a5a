import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { EspeakTextToSpeech } from '../providers/tts/espeak-tts';
import { buildTimeline, canonicalJson, planMontage, segmentHash } from './build-timeline';
import { fakeTts, keyMomentAt, makeInput, makeScript } from './testing/fixtures';
import { SEGMENT_ORDER, segmentStarts } from './timeline-spec';
import type { ClipSegment } from './timeline-spec';

const dirs: string[] = [];

/** Part 2 in order, each line after the previous one has finished, all inside the clip segment. */
function expectPart2Fits(clip: ClipSegment): void {
  clip.lines.forEach((line, i) => {
    const end = line.startSec + line.audio.durationSec;
    expect(end).toBeLessThanOrEqual(clip.durationSec + 1e-6);
    const next = clip.lines[i + 1];
    if (next) expect(next.startSec).toBeGreaterThanOrEqual(end + 0.1);
  });
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('buildTimeline', () => {
  it('lays out a ~90 s video in segment order, with Part 2 offsets preserved and a slow replay of the moment', async () => {
    const input = makeInput();
    const built = await buildTimeline(input);
    expect(built.issues).toEqual([]);
    if (!built.ok) return;
    const { spec } = built;
    expect(spec.segments.map((s) => s.kind)).toEqual([...SEGMENT_ORDER]);
    const { startSec, totalSec } = segmentStarts(spec);
    expect(totalSec).toBeGreaterThanOrEqual(85);
    expect(totalSec).toBeLessThanOrEqual(100);
    expect(startSec[3]).toBeCloseTo(50, 0); // the cut to the cook's clip at 0:50
    const clip = spec.segments[3];
    expect(clip.source).toEqual({ start: 38, end: 53 });
    // 15 s at 1×, then 2 s around the moment's middle at 0.5×.
    expect(clip.replay?.rate).toBe(0.5);
    expect(clip.replay?.ranges).toEqual([{ start: 44.5, end: 46.5 }]);
    expect(clip.durationSec).toBeCloseTo(19, 5);
    expect(clip.replay?.marker).toBeNull(); // no measured region: no marker
    expect(clip.lines.map((l) => l.startSec)).toEqual(input.script.part2.map((l) => l.offset));
    expect(clip.lines.map((l) => l.text)).toEqual(input.script.part2.map((l) => l.text.ja));
    expect(clip.captions.map((c) => c.text)).toEqual(clip.lines.map((l) => l.text));
    expect(spec.adjustments).toEqual([]);
    // The montage avoids the clip and stays inside the source.
    for (const r of spec.segments[0].montage.ranges) {
      expect(r.end).toBeLessThanOrEqual(60);
      expect(r.end <= 38 || r.start >= 53).toBe(true);
    }
    // Text sits over the cook's footage, not on still cards.
    const [, diagnosis, pivot, , outro] = spec.segments;
    for (const s of [diagnosis, pivot, outro]) {
      expect(s.footage?.ranges.length).toBeGreaterThan(0);
      expect(s.footage!.dim).toBeGreaterThan(0);
      const covered = s.footage!.ranges.reduce((sum, r) => sum + r.end - r.start, 0) / s.footage!.playbackRate;
      expect(covered).toBeCloseTo(s.durationSec, 1);
    }
    // The pivot leads into the clip; the outro is the end of the footage.
    expect(pivot.footage!.ranges.at(-1)!.end).toBeCloseTo(38, 5);
    expect(outro.footage!.ranges.at(-1)!.end).toBeCloseTo(60, 5);
    // The outro opens on a replay of the best moment (the clip window, from just before its event).
    expect(outro.footage!.ranges[0]!.start).toBeGreaterThanOrEqual(38);
    expect(outro.footage!.ranges[0]!.end).toBeLessThanOrEqual(53);
    // Every segment is on the 30 fps frame grid.
    for (const s of spec.segments) expect(Math.abs(s.durationSec * 30 - Math.round(s.durationSec * 30))).toBeLessThan(1e-3);
  });

  it('grows Part 1 and the diagnosis to fit long narration, and fits the long Part 2 lines instead of failing', async () => {
    const slow = async (text: string) => ({ key: text, durationSec: [...text].length * 0.4 });
    const built = await buildTimeline(makeInput({ tts: slow }));
    expect(built.issues).toEqual([]);
    if (!built.ok) return;
    const [intro, diagnosis, , clip] = built.spec.segments;
    const last = intro.lines[1]!;
    expect(intro.durationSec).toBeGreaterThan(25);
    expect(intro.durationSec).toBeGreaterThanOrEqual(last.startSec + last.audio.durationSec);
    expect(intro.lines[1]!.startSec).toBeGreaterThan(intro.lines[0]!.startSec + intro.lines[0]!.audio.durationSec);
    expect(diagnosis.durationSec).toBeGreaterThanOrEqual(diagnosis.lines[0]!.startSec + diagnosis.lines[0]!.audio.durationSec);
    expectPart2Fits(clip);
    // Every line is still there, in order, and what moved is said to the coach.
    expect(clip.lines.map((l) => l.id)).toEqual(['part2.0', 'part2.1', 'part2.2', 'part2.3']);
    const codes = built.spec.adjustments!.map((a) => a.code);
    expect(codes).toContain('line_moved');
  });

  it('a key moment near the end gives a shorter clip that never runs past the source', async () => {
    const script = makeScript(keyMomentAt(50, 58.5));
    script.part2 = script.part2.map((l, i) => ({ ...l, offset: [0.5, 2.6, 4.7, 6.3][i] ?? l.offset }));
    const built = await buildTimeline(makeInput({ script, keyMoment: { start: 50, end: 65 }, source: { durationSec: 58.5, hasAudio: true } }));
    expect(built.issues).toEqual([]);
    if (!built.ok) return;
    const clip = built.spec.segments[3];
    expect(clip.source).toEqual({ start: 50, end: 58.5 });
    expect(clip.lines.map((l) => l.startSec)).toEqual(script.part2.map((l) => l.offset));
    expect(clip.captions.every((c) => c.endSec <= clip.durationSec)).toBe(true);
    expect([clip.source, ...clip.replay!.ranges].every((r) => r.end <= 58.5)).toBe(true);
  });

  it('a script timed for a 15 s clip on a clip cut short by the source end: the lines run on over a slower replay, and the coach is told', async () => {
    const moment = keyMomentAt(50, 65);
    const script = makeScript(moment);
    const built = await buildTimeline(makeInput({ script, keyMoment: moment, source: { durationSec: 58.5, hasAudio: true } }));
    expect(built.issues).toEqual([]);
    if (!built.ok) return;
    const clip = built.spec.segments[3];
    expect(clip.source).toEqual({ start: 50, end: 58.5 });
    expectPart2Fits(clip);
    expect(clip.lines.at(-1)!.text).toBe(script.part2.at(-1)!.text.ja); // the decisive rule is kept
    for (const a of built.spec.adjustments!) {
      expect(a.ja).toMatch(/[ぁ-んァ-ン一-龥]/);
      expect(a.en).toMatch(/^[\x20-\x7e–×]+$/);
    }
  });

  it('a key moment with no room left in the source: the clip moves back to fit, and says so', async () => {
    const built = await buildTimeline(makeInput({ keyMoment: { start: 59.5, end: 70 } }));
    expect(built.issues).toEqual([]);
    if (!built.ok) return;
    const clip = built.spec.segments[3];
    expect(clip.source).toEqual({ start: 58, end: 60 });
    expect(built.spec.adjustments!.map((a) => a.code)).toContain('clip_moved');
    expectPart2Fits(clip);
  });

  it('a 10 s clip with over-long lines: never blocked, every line kept and fitted, each change noted in both languages', async () => {
    // Four Part 2 lines, each three times as long as written (about 5–6 s of speech each).
    const script = makeScript();
    script.part2 = script.part2.map((l, i) => ({ ...l, offset: [0.5, 2, 4, 5.5][i]!, text: { ja: l.text.ja.repeat(3), en: l.text.en.repeat(3) } }));
    for (const locale of ['ja', 'en'] as const) {
      const built = await buildTimeline(makeInput({ script, locale, keyMoment: { start: 1, end: 7, at: 4 }, source: { durationSec: 10, hasAudio: true } }));
      expect(built.issues).toEqual([]);
      if (!built.ok) return;
      const clip = built.spec.segments[3];
      expectPart2Fits(clip);
      expect(clip.lines).toHaveLength(4);
      const codes = built.spec.adjustments!.map((a) => a.code);
      expect(codes).toEqual(expect.arrayContaining(['line_moved', 'clip_extended', 'replay_slowed']));
      expect(clip.source).toEqual({ start: 1, end: 10 }); // extended to the source's end, not past it
      expect(clip.replay!.rate).toBeGreaterThanOrEqual(0.25);
      expect(clip.replay!.rate).toBeLessThanOrEqual(0.5);
      for (const r of [clip.source, ...clip.replay!.ranges]) expect(r.end).toBeLessThanOrEqual(10);
      for (const a of built.spec.adjustments!) {
        expect(a.ja).toMatch(/[ぁ-んァ-ン一-龥]/);
        expect(a.en).not.toMatch(/[ぁ-んァ-ン一-龥]/);
      }
    }
  });

  it('uses the cooking stretch and skips covered and dark seconds everywhere; the marker only where the analysis located the moment', async () => {
    const unusable = [{ start: 10, end: 14 }, { start: 20.5, end: 21 }];
    const built = await buildTimeline(
      makeInput({ footage: { unusable, cooking: { start: 5, end: 58 }, at: 41, marker: { x: 0.4, y: 0.3, w: 0.2, h: 0.2 }, aspect: 16 / 9 } }),
    );
    expect(built.issues).toEqual([]);
    if (!built.ok) return;
    const [intro, diagnosis, pivot, clip, outro] = built.spec.segments;
    const shown = [...intro.montage.ranges, ...diagnosis.footage!.ranges, ...pivot.footage!.ranges, ...outro.footage!.ranges];
    for (const r of shown) {
      expect(r.start).toBeGreaterThanOrEqual(5);
      expect(r.end).toBeLessThanOrEqual(58);
      for (const u of unusable) expect(r.end <= u.start || r.start >= u.end).toBe(true);
    }
    expect(clip.replay!.ranges).toEqual([{ start: 40, end: 42 }]);
    expect(clip.replay!.marker).toEqual({ x: 0.4, y: 0.3, w: 0.2, h: 0.2 });
    expect(built.spec.source.aspect).toBeCloseTo(16 / 9, 5);
    expect(built.spec.adjustments!.map((a) => a.code)).toContain('footage_skipped');
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

  it('works with real espeak-ng durations, and moves a Part 2 line that real speech makes overlap', async () => {
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
    expect(squeezed.issues).toEqual([]);
    if (!squeezed.ok) return;
    expect(squeezed.spec.adjustments!.filter((a) => a.code === 'line_moved').map((a) => a.lineId)).toContain('part2.1');
    expectPart2Fits(squeezed.spec.segments[3]);
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
    expect(segmentHash({ lines: reordered.lines, footage: reordered.footage, durationSec: reordered.durationSec, kind: 'pivot' })).toBe(segmentHash(pivot));
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

describe('the pivot leads into the clip', () => {
  it('from the seconds just before the clip, even when the cooking stretch starts with the clip', async () => {
    const built = await buildTimeline(makeInput({ footage: { unusable: [], cooking: { start: 38, end: 60 } } }));
    if (!built.ok) throw new Error('expected a valid spec');
    const pivot = built.spec.segments[2];
    expect(pivot.footage!.ranges.at(-1)!.end).toBeCloseTo(38, 5);
  });

  it('from the clip itself when nothing comes before it', async () => {
    const built = await buildTimeline(makeInput({ keyMoment: { start: 0, end: 15 } }));
    if (!built.ok) throw new Error('expected a valid spec');
    const pivot = built.spec.segments[2];
    expect(pivot.footage!.ranges[0]!.start).toBe(0);
  });
});
