import { markerBox } from '../render/marker-box';
import type { Caption, CardBackground, NarrationLine as RenderNarration, RenderInput, RenderSegment, SourceBackground } from '../render/render-input';
import { CARD_COLORS, cardText, displayText } from '../render/style';
import { validateTimelineSpec } from './timeline-spec';
import type { Footage, NarrationLine, TimelineSpec } from './timeline-spec';
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

/** The cook's footage (muted, darkened) with the card's text over it; the old gradient card without footage. */
function textOver(footage: Footage | undefined, title: string, subtitle: string, colors: [string, string], path: string): Pick<RenderSegment, 'background' | 'title'> {
  if (!footage) return { background: card(title, subtitle, colors) };
  const background: SourceBackground = { type: 'source', path, ranges: footage.ranges.map((r) => ({ start: r.start, end: r.end })), rate: footage.playbackRate, sourceVolume: 0, dim: footage.dim };
  return { background, title: cardText(title, subtitle) };
}

function narration(lines: NarrationLine[], paths: RenderPaths): RenderNarration[] {
  return lines.map((l) => ({ audioPath: paths.audioPath(l.audio.key), startSec: l.startSec }));
}

/**
 * Maps a timeline spec (validated here; a TimelineSpecError lists every issue) to the FFmpeg
 * renderer's input: the cook's footage everywhere — the intro montage (sped up, source sound
 * muted under the music), the diagnosis, pivot and outro text over darkened footage (gradient
 * cards for specs without footage), the clip (real time, source sound ducked under narration
 * when the spec keeps it) then its silent slow replay with the marker; narration at each line's
 * start; Part 2 captions as the spec times them; music in the intro (and the diagnosis when the
 * spec has it) and outro; applause in the outro.
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
      ...textOver(diagnosis.footage, diagnosis.card.title, diagnosis.card.body, CARD_COLORS.diagnosis, paths.sourceVideoPath),
      narration: narration(diagnosis.lines, paths),
      captions: [],
      music: diagnosis.music !== null,
      applause: false,
    },
    {
      kind: 'pivot',
      durationSec: pivot.durationSec,
      ...textOver(pivot.footage, pivot.lines[0]!.text, '', CARD_COLORS.pivot, paths.sourceVideoPath),
      narration: narration(pivot.lines, paths),
      captions: [],
      music: false,
      applause: false,
    },
    {
      kind: 'clip',
      durationSec: clip.durationSec,
      background: {
        type: 'source',
        path: paths.sourceVideoPath,
        ranges: [{ start: clip.source.start, end: clip.source.end }, ...(clip.replay?.ranges ?? []).map((r) => ({ start: r.start, end: r.end, rate: clip.replay!.rate }))],
        rate: 1,
        sourceVolume: clip.sourceAudio ? 1 : 0,
      },
      narration: narration(clip.lines, paths),
      captions,
      ...(clip.replay?.marker
        ? { marker: { ...markerBox(clip.replay.marker, checked.spec.source.aspect), startSec: clip.source.end - clip.source.start, endSec: clip.durationSec } }
        : {}),
      music: false,
      applause: false,
    },
    {
      kind: 'outro',
      durationSec: outro.durationSec,
      ...textOver(outro.footage, outro.card.title, outro.card.body, CARD_COLORS.outro, paths.sourceVideoPath),
      narration: narration(outro.lines, paths),
      captions: [],
      music: true,
      applause: true,
    },
  ];
  return { segments };
}
