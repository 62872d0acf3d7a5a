import { describe, expect, it } from 'vitest';
import { validateRenderSegment } from '../render/render-input';
import type { CardBackground, SourceBackground } from '../render/render-input';
import { buildTimeline } from './build-timeline';
import { displayText, specToRenderInput } from './spec-to-render-input';
import type { TimelineSpec } from './timeline-spec';
import { TimelineSpecError } from './timeline-spec';
import { makeInput, makeScript } from './testing/fixtures';

const paths = { sourceVideoPath: '/media/source.mp4', audioPath: (key: string) => `/tts/${key}.wav` };

async function spec(overrides: Parameters<typeof makeInput>[0] = {}): Promise<TimelineSpec> {
  const built = await buildTimeline(makeInput(overrides));
  if (!built.ok) throw new Error(JSON.stringify(built.issues));
  return built.spec;
}

describe('specToRenderInput', () => {
  it('maps every segment: backgrounds, narration at its start, captions, music and applause', async () => {
    const s = await spec();
    const input = specToRenderInput(s, paths);
    expect(input.segments.map((x) => x.kind)).toEqual(['intro', 'diagnosis', 'pivot', 'clip', 'outro']);
    input.segments.forEach((segment, i) => {
      expect(segment.durationSec).toBe(s.segments[i]!.durationSec);
      expect(() => validateRenderSegment(segment, i)).not.toThrow();
      expect(segment.narration).toEqual(s.segments[i]!.lines.map((l) => ({ audioPath: `/tts/${l.audio.key}.wav`, startSec: l.startSec })));
    });
    const [intro, diagnosis, pivot, clip, outro] = input.segments;
    const [sIntro, sDiagnosis, sPivot, sClip, sOutro] = s.segments;

    const introBg = intro!.background as SourceBackground;
    expect(introBg).toMatchObject({ type: 'source', path: '/media/source.mp4', rate: sIntro.montage.playbackRate, sourceVolume: 0 });
    expect(introBg.ranges).toEqual(sIntro.montage.ranges);
    expect(intro!.music).toBe(true);

    // Text over the cook's darkened, muted footage.
    expect(diagnosis!.background).toEqual({ type: 'source', path: '/media/source.mp4', ranges: sDiagnosis.footage!.ranges, rate: sDiagnosis.footage!.playbackRate, sourceVolume: 0, dim: sDiagnosis.footage!.dim });
    expect(diagnosis!.title).toEqual({ title: sDiagnosis.card.title, subtitle: sDiagnosis.card.body });
    expect(diagnosis!.music).toBe(false); // the spec's diagnosis has no music bed
    expect(pivot!.title?.title).toBe(sPivot.lines[0]!.text);
    expect(pivot!.background.type).toBe('source');

    // The clip at 1× with its sound, then the replay at its rate (silent in the renderer); no marker without a region.
    expect(clip!.background).toEqual({
      type: 'source',
      path: '/media/source.mp4',
      ranges: [sClip.source, ...sClip.replay!.ranges.map((r) => ({ ...r, rate: 0.5 }))],
      rate: 1,
      sourceVolume: 1,
    });
    expect(clip!.marker).toBeUndefined();
    // Captions: each Part 2 line from its start to the next line's start, the last to the clip end.
    expect(clip!.captions).toHaveLength(sClip.lines.length);
    clip!.captions.forEach((c, i) => {
      expect(c.text).toBe(sClip.lines[i]!.text);
      expect(c.startSec).toBe(sClip.lines[i]!.startSec);
      expect(c.endSec).toBe(sClip.lines[i + 1]?.startSec ?? sClip.durationSec);
    });
    expect(clip!.music).toBe(false);

    expect(outro!.background).toMatchObject({ type: 'source', dim: sOutro.footage!.dim });
    expect(outro!.title).toEqual({ title: sOutro.card.title, subtitle: sOutro.card.body });
    expect(outro!).toMatchObject({ music: true, applause: true, narration: [] });
    expect(input.segments.filter((x) => x.applause)).toHaveLength(1);
  });

  it('captions and cards follow the spec locale', async () => {
    const s = await spec({ locale: 'en' });
    const input = specToRenderInput(s, paths);
    expect(input.segments[3]!.captions[0]!.text).toBe(makeScript().part2[0]!.text.en);
    expect(input.segments[4]!.title?.title).toBe('Well done');
  });

  it('a spec stored before footage replaced the cards still renders its gradient cards', async () => {
    const s = structuredClone(await spec());
    delete s.segments[1].footage;
    delete s.segments[4].footage;
    const input = specToRenderInput(s, paths);
    expect(input.segments[1]!.background).toMatchObject({ type: 'card', title: s.segments[1].card.title });
    expect(input.segments[1]!.title).toBeUndefined();
    expect((input.segments[4]!.background as CardBackground).title).toBe('おつかれさまでした');
  });

  it('draws the marker during the replay only, placed on the cook’s picture inside the letterboxed frame', async () => {
    // A vertical phone video (9:16) is pillarboxed: 405 px wide in the middle of 1280.
    const s = await spec({ footage: { unusable: [], at: 45, marker: { x: 0.5, y: 0.25, w: 0.2, h: 0.2 }, aspect: 9 / 16 } });
    const clip = specToRenderInput(s, paths).segments[3]!;
    const sClip = s.segments[3];
    expect(clip.marker).toEqual({ x: 437 + 203, y: 180, w: 81, h: 144, startSec: sClip.source.end - sClip.source.start, endSec: sClip.durationSec });
  });

  it('mutes the clip when the source has no audio', async () => {
    const s = await spec({ source: { durationSec: 60, hasAudio: false } });
    expect((specToRenderInput(s, paths).segments[3]!.background as SourceBackground).sourceVolume).toBe(0);
  });

  it('strips emoji from captions and cards, keeping mixed Latin/Japanese text', async () => {
    const script = makeScript();
    script.part2[0]!.text.ja = '🔥IHの火力🔥を見て👀';
    const s = await spec({ script, learnerName: 'あいこ😊' });
    const input = specToRenderInput(s, paths);
    expect(input.segments[3]!.captions[0]!.text).toBe('IHの火力 を見て');
    expect(input.segments[1]!.title?.title).toBe('あいこ さんへ ― 今回のポイント');
    expect(JSON.stringify(input)).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(displayText('👍')).toBe('');
  });

  it('rejects an invalid spec with every issue', async () => {
    const s = structuredClone(await spec());
    s.segments[3].lines[0]!.audio.durationSec = 60;
    expect(() => specToRenderInput(s, paths)).toThrow(TimelineSpecError);
    expect(() => specToRenderInput(s, paths)).toThrow(/part2\.0/);
  });
});
