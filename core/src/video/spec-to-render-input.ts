import type { Caption, CardBackground, NarrationLine as RenderNarration, RenderInput, RenderSegment } from '../render/render-input';
import { CARD_COLORS, cardText, displayText } from '../render/style';
import { validateTimelineSpec } from './timeline-spec';
import type { NarrationLine, TimelineSpec } from './timeline-spec';
import { TimelineSpecError } from './timeline-spec';

/** Emoji-free card and caption text (shared with the Remotion composition). */
export { displayText } from '../render/style';

/** Where the spec's assets are on local disk when rendering. */
export interface RenderPaths {
  /** The cook's footage the spec cuts from (the source video or its proxy: same timeline). */
  sourceVideoPath: string;
  /** The local WAV of a TTS asset key (e.g. TtsCache.pathFor). */
  audioPath: (key: string) => string;
}

function card(title: string, subtitle: string, colors: [string, string]): CardBackground {
  return { type: 'card', ...cardText(title, subtitle), colors };
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
