import { stripEmoji } from '../providers/tts/japanese-reading';
import type { Caption, CardBackground, NarrationLine as RenderNarration, RenderInput, RenderSegment } from '../render/render-input';
import { validateTimelineSpec } from './timeline-spec';
import type { NarrationLine, TimelineSpec } from './timeline-spec';
import { TimelineSpecError } from './timeline-spec';

/** Where the spec's assets are on local disk when rendering. */
export interface RenderPaths {
  /** The cook's footage the spec cuts from (the source video or its proxy: same timeline). */
  sourceVideoPath: string;
  /** The local WAV of a TTS asset key (e.g. TtsCache.pathFor). */
  audioPath: (key: string) => string;
}

/** Card colours per segment (top, bottom of the gradient). */
const CARD_COLORS: Record<'diagnosis' | 'pivot' | 'outro', [string, string]> = {
  diagnosis: ['#2a1d16', '#120c09'],
  pivot: ['#1d2b3a', '#0c1218'],
  outro: ['#3a2414', '#140c07'],
};

/**
 * Text for cards and captions: emoji removed (the CJK font has no emoji glyphs and would draw
 * boxes), whitespace collapsed. Japanese and mixed Latin/Japanese text are kept as they are.
 */
export function displayText(text: string): string {
  return stripEmoji(text.normalize('NFC'));
}

function card(title: string, subtitle: string, colors: [string, string]): CardBackground {
  const t = displayText(title);
  const s = displayText(subtitle);
  // A title made only of emoji: the subtitle takes its place rather than an empty card.
  if (!t) return { type: 'card', title: s, colors };
  return { type: 'card', title: t, ...(s ? { subtitle: s } : {}), colors };
}

function narration(lines: NarrationLine[], paths: RenderPaths): RenderNarration[] {
  return lines.map((l) => ({ audioPath: paths.audioPath(l.audio.key), startSec: l.startSec }));
}

/**
 * Maps a timeline spec (validated here; a TimelineSpecError lists every issue) to the FFmpeg
 * renderer's input: title cards for the diagnosis, pivot and outro; the cook's footage for the
 * intro montage (sped up, source sound muted under the music) and the clip (real time, source
 * sound ducked under narration when the spec keeps it); narration at each line's start; Part 2
 * captions as the spec times them; music in the intro (and the diagnosis when the spec has it)
 * and outro; applause in the outro.
 */
export function specToRenderInput(input: TimelineSpec | unknown, paths: RenderPaths): RenderInput {
  const checked = validateTimelineSpec(input);
  if (!checked.ok) throw new TimelineSpecError(checked.issues);
  const [intro, diagnosis, pivot, clip, outro] = checked.spec.segments;

  const captions: Caption[] = clip.captions
    .map((c) => ({ text: displayText(c.text), startSec: c.startSec, endSec: c.endSec }))
    .filter((c) => c.text.length > 0);

  const segments: RenderSegment[] = [
    {
      kind: 'intro',
      durationSec: intro.durationSec,
      background: { type: 'source', path: paths.sourceVideoPath, ranges: intro.montage.ranges.map((r) => ({ start: r.start, end: r.end })), rate: intro.montage.playbackRate, sourceVolume: 0 },
      narration: narration(intro.lines, paths),
      captions: [],
      music: true,
      applause: false,
    },
    {
      kind: 'diagnosis',
      durationSec: diagnosis.durationSec,
      background: card(diagnosis.card.title, diagnosis.card.body, CARD_COLORS.diagnosis),
      narration: narration(diagnosis.lines, paths),
      captions: [],
      music: diagnosis.music !== null,
      applause: false,
    },
    {
      kind: 'pivot',
      durationSec: pivot.durationSec,
      background: card(pivot.lines[0]!.text, '', CARD_COLORS.pivot),
      narration: narration(pivot.lines, paths),
      captions: [],
      music: false,
      applause: false,
    },
    {
      kind: 'clip',
      durationSec: clip.durationSec,
      background: { type: 'source', path: paths.sourceVideoPath, ranges: [{ start: clip.source.start, end: clip.source.end }], rate: 1, sourceVolume: clip.sourceAudio ? 1 : 0 },
      narration: narration(clip.lines, paths),
      captions,
      music: false,
      applause: false,
    },
    {
      kind: 'outro',
      durationSec: outro.durationSec,
      background: card(outro.card.title, outro.card.body, CARD_COLORS.outro),
      narration: narration(outro.lines, paths),
      captions: [],
      music: true,
      applause: true,
    },
  ];
  return { segments };
}
