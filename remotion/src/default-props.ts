import { TIMELINE_FPS, TIMELINE_SIZE, TIMELINE_SPEC_VERSION } from '@ajimi/core/video/timeline-spec';
import type { CoachingVideoProps } from './props';

const line = (id: string, text: string, startSec: number, durationSec: number) => ({ id, text, lang: 'ja' as const, audio: { key: `preview-${id}`, durationSec }, startSec });

/**
 * Remotion requires default props for a composition: a small layout sample (cards and captions,
 * no media) that Remotion Studio shows when no spec is passed. Real renders always pass a spec.
 */
export const DEFAULT_COACHING_VIDEO_PROPS: CoachingVideoProps = {
  spec: {
    specVersion: TIMELINE_SPEC_VERSION,
    fps: TIMELINE_FPS,
    width: TIMELINE_SIZE.width,
    height: TIMELINE_SIZE.height,
    locale: 'ja',
    source: { durationSec: 20, hasAudio: false },
    segments: [
      {
        kind: 'intro',
        durationSec: 4,
        montage: { ranges: [{ start: 0, end: 8 }], playbackRate: 2 },
        music: { track: 'synth:intro-theme', gainDb: -14, duckDb: -10 },
        lines: [line('part1.intro', '1回目のチャーハンのセッションです', 0.5, 2.5)],
      },
      {
        kind: 'diagnosis',
        durationSec: 4,
        card: { title: 'あいこさんへ ― 今回のポイント', body: 'チャーハン' },
        music: null,
        lines: [line('diagnosis', '油が温まる前に卵を入れていました', 0.5, 3)],
      },
      { kind: 'pivot', durationSec: 3, lines: [line('pivot', '動画を使ってそのポイントを見てみましょう', 0.3, 2.5)] },
      {
        kind: 'clip',
        durationSec: 6,
        source: { start: 10, end: 16 },
        sourceAudio: false,
        sourceDuckDb: -12,
        lines: [line('part2.0', 'ここで卵が入ります', 0.5, 2), line('part2.1', '"ジュッ" という音が小さい — the pan is not hot yet', 3, 2.5)],
        captions: [
          { startSec: 0.5, endSec: 3, text: 'ここで卵が入ります' },
          { startSec: 3, endSec: 6, text: '"ジュッ" という音が小さい — the pan is not hot yet' },
        ],
      },
      {
        kind: 'outro',
        durationSec: 4,
        music: { track: 'synth:outro-theme', gainDb: -12, duckDb: 0 },
        applause: { track: 'synth:applause', startSec: 0.5, durationSec: 3, gainDb: -8 },
        card: { title: 'おつかれさまでした', body: 'あいこさんのチャーハン' },
        lines: [],
      },
    ],
  },
  media: { sourceVideoUrl: '', audioUrls: {}, trackUrls: {} },
};
