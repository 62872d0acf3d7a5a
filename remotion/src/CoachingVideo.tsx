import type React from 'react';
import { AbsoluteFill, Audio, OffthreadVideo, Sequence, useCurrentFrame, useVideoConfig } from 'remotion';
import { RENDER_FORMAT } from '@ajimi/core/render/render-input';
import {
  applauseWindow,
  CARD_COLORS,
  cardText,
  captionVisible,
  cssCardGradient,
  cssColor,
  displayText,
  layoutCaption,
  layoutCard,
  musicFades,
  RENDER_STYLE,
  type StyledLine,
} from '@ajimi/core/render/style';
import { markerBox } from '@ajimi/core/render/marker-box';
import { toFrames } from '@ajimi/core/video/timeline-spec';
import type { ClipSegment, Footage as FootageSpec, IntroSegment, NarrationLine, OutroSegment } from '@ajimi/core/video/timeline-spec';
import { CJK_FONT_STACK, fontWeight, measureLine, useCjkFontsReady } from './fonts';
import type { CoachingVideoMedia, CoachingVideoProps } from './props';
import { segmentFrames } from './timing';

const { width: W, height: H } = RENDER_FORMAT;
const S = RENDER_STYLE;

/**
 * The coaching video from its timeline spec, drawn like the FFmpeg renderer
 * (core/src/render/render-segment.ts): both take colours, fonts, sizes, wrapping and positions
 * from core/src/render/style.ts. Intro: the sped-up montage with music and Part 1; diagnosis,
 * pivot and outro: their text over the cook's darkened footage (gradient cards for specs without
 * footage); clip: the cook's footage at 1× with its sound ducked under Part 2 and captions, then
 * the silent slow replay with the marker; outro: music and applause.
 */
export const CoachingVideo: React.FC<CoachingVideoProps> = ({ spec, media }) => {
  const fontsReady = useCjkFontsReady(media.fontUrls);
  const frames = segmentFrames(spec);
  const [intro, diagnosis, pivot, clip, outro] = spec.segments;
  const at = (i: number) => ({ from: frames.from[i]!, durationInFrames: frames.durationInFrames[i]! });
  return (
    <AbsoluteFill style={{ backgroundColor: S.padColor, fontFamily: CJK_FONT_STACK }}>
      <Sequence name="intro" {...at(0)}>
        <Intro segment={intro} media={media} />
      </Sequence>
      <Sequence name="diagnosis" {...at(1)}>
        <TextOver footage={diagnosis.footage} durationSec={diagnosis.durationSec} media={media} colors={CARD_COLORS.diagnosis} {...cardText(diagnosis.card.title, diagnosis.card.body)} ready={fontsReady} />
        {diagnosis.music ? <Music track={diagnosis.music.track} duckDb={diagnosis.music.duckDb} lines={diagnosis.lines} durationSec={diagnosis.durationSec} media={media} /> : null}
        <Narration lines={diagnosis.lines} media={media} />
      </Sequence>
      <Sequence name="pivot" {...at(2)}>
        <TextOver footage={pivot.footage} durationSec={pivot.durationSec} media={media} colors={CARD_COLORS.pivot} {...cardText(pivot.lines[0]!.text)} ready={fontsReady} />
        <Narration lines={pivot.lines} media={media} />
      </Sequence>
      <Sequence name="clip" {...at(3)}>
        <Clip segment={clip} media={media} ready={fontsReady} sourceAspect={spec.source.aspect} />
      </Sequence>
      <Sequence name="outro" {...at(4)}>
        <Outro segment={outro} media={media} ready={fontsReady} />
      </Sequence>
    </AbsoluteFill>
  );
};

const videoStyle: React.CSSProperties = { width: '100%', height: '100%', objectFit: 'contain' };

/** The intro: the montage ranges back to back at the montage's rate (source sound muted). */
const Intro: React.FC<{ segment: IntroSegment; media: CoachingVideoMedia }> = ({ segment, media }) => (
  <>
    <Footage ranges={segment.montage.ranges} rate={segment.montage.playbackRate} durationSec={segment.durationSec} media={media} />
    <Music track={segment.music.track} duckDb={segment.music.duckDb} lines={segment.lines} durationSec={segment.durationSec} media={media} />
    <Narration lines={segment.lines} media={media} />
  </>
);

/**
 * The cook's footage, muted: ranges back to back (each at its own rate or `rate`), laid on the
 * frame grid as the FFmpeg renderer concatenates them; the last shot runs to the end (the
 * renderer holds its last frame). `dim` darkens it like the renderer's full-frame box.
 */
const Footage: React.FC<{ ranges: Array<{ start: number; end: number; rate?: number }>; rate: number; durationSec: number; media: CoachingVideoMedia; dim?: number }> = ({ ranges, rate, durationSec, media, dim }) => {
  const total = toFrames(durationSec);
  let elapsed = 0;
  const shots = ranges.map((r, i) => {
    const shotRate = r.rate ?? rate;
    const from = toFrames(elapsed);
    elapsed += (r.end - r.start) / shotRate;
    const until = i === ranges.length - 1 ? total : toFrames(elapsed);
    return { from, durationInFrames: Math.max(1, until - from), trimBefore: toFrames(r.start), rate: shotRate };
  });
  return (
    <>
      {media.sourceVideoUrl
        ? shots.map((shot, i) => (
            <Sequence key={i} from={shot.from} durationInFrames={shot.durationInFrames} name={`footage ${i + 1}`}>
              <OffthreadVideo src={media.sourceVideoUrl} trimBefore={shot.trimBefore} playbackRate={shot.rate} muted style={videoStyle} />
            </Sequence>
          ))
        : null}
      {dim ? <AbsoluteFill style={{ backgroundColor: cssColor('#000000', dim) }} /> : null}
    </>
  );
};

/** A segment's title text over the cook's darkened footage, or a gradient card when the spec has no footage. */
const TextOver: React.FC<{ footage: FootageSpec | undefined; durationSec: number; media: CoachingVideoMedia; title: string; subtitle?: string; colors: [string, string]; ready: boolean }> = ({
  footage,
  durationSec,
  media,
  title,
  subtitle,
  colors,
  ready,
}) =>
  footage ? (
    <>
      <Footage ranges={footage.ranges} rate={footage.playbackRate} durationSec={durationSec} media={media} dim={footage.dim} />
      {ready ? <TextLines lines={layoutCard(title, subtitle)} /> : null}
    </>
  ) : (
    <Card colors={colors} title={title} {...(subtitle ? { subtitle } : {})} ready={ready} />
  );

/** The key moment at 1×: source sound ducked under Part 2, captions as the spec times them. */
const Clip: React.FC<{ segment: ClipSegment; media: CoachingVideoMedia; ready: boolean; sourceAspect: number | undefined }> = ({ segment, media, ready, sourceAspect }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const t = frame / fps;
  const duck = duckCurve(segment.lines, segment.sourceDuckDb, fps);
  const shown = segment.captions.filter((c) => captionVisible(c, t)).map((c) => displayText(c.text)).filter((text) => text.length > 0);
  const realSec = segment.source.end - segment.source.start;
  const realFrames = toFrames(realSec);
  const replay = segment.replay;
  const marker = replay?.marker ? markerBox(replay.marker, sourceAspect) : null;
  const M = S.marker.thickness;
  return (
    <>
      {media.sourceVideoUrl ? (
        <Sequence durationInFrames={replay ? realFrames : toFrames(segment.durationSec)} name="clip 1×" layout="none">
          <OffthreadVideo
            src={media.sourceVideoUrl}
            trimBefore={toFrames(segment.source.start)}
            muted={!segment.sourceAudio}
            volume={segment.sourceAudio ? (f) => duck(f) : 0}
            style={videoStyle}
          />
        </Sequence>
      ) : null}
      {replay ? (
        <Sequence from={realFrames} name="slow replay">
          <Footage ranges={replay.ranges} rate={replay.rate} durationSec={segment.durationSec - realFrames / fps} media={media} />
          {marker ? (
            <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} style={{ position: 'absolute', inset: 0 }}>
              <rect x={marker.x + M / 2} y={marker.y + M / 2} width={marker.w - M} height={marker.h - M} fill="none" stroke={S.marker.color} strokeWidth={M} />
            </svg>
          ) : null}
        </Sequence>
      ) : null}
      <Narration lines={segment.lines} media={media} />
      {ready ? <TextLines lines={shown.flatMap((text) => layoutCaption(text))} /> : null}
    </>
  );
};

const Outro: React.FC<{ segment: OutroSegment; media: CoachingVideoMedia; ready: boolean }> = ({ segment, media, ready }) => {
  const { fps } = useVideoConfig();
  const applause = applauseWindow(segment.durationSec);
  const applauseUrl = media.trackUrls[segment.applause.track];
  return (
    <>
      <TextOver footage={segment.footage} durationSec={segment.durationSec} media={media} colors={CARD_COLORS.outro} {...cardText(segment.card.title, segment.card.body)} ready={ready} />
      <Music track={segment.music.track} duckDb={segment.music.duckDb} lines={segment.lines} durationSec={segment.durationSec} media={media} />
      {applauseUrl ? (
        <Sequence from={Math.round(applause.startSec * fps)} durationInFrames={Math.max(1, Math.round(applause.durationSec * fps))} name="applause" layout="none">
          <Audio src={applauseUrl} volume={S.applauseVolume} />
        </Sequence>
      ) : null}
    </>
  );
};

/** A gradient title card: title (bold) and subtitle centred, with a drop shadow. */
const Card: React.FC<{ title: string; subtitle?: string; colors: [string, string]; ready: boolean }> = ({ title, subtitle, colors, ready }) => (
  <AbsoluteFill style={{ background: cssCardGradient(colors, W, H) }}>{ready ? <TextLines lines={layoutCard(title, subtitle)} /> : null}</AbsoluteFill>
);

/**
 * Laid-out lines drawn the way drawtext draws them: x = (W − advance) / 2 truncated, the ink's
 * top at `line.top` (so the baseline is top + the line's ink ascent), the shadow a second copy
 * offset underneath, the box the ink box plus its border.
 */
const TextLines: React.FC<{ lines: StyledLine[] }> = ({ lines }) => (
  <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} style={{ position: 'absolute', inset: 0 }}>
    {lines.map((line, i) => {
      const m = measureLine(line.text, line.size, line.weight);
      const x = Math.trunc((W - m.width) / 2);
      const baseline = line.top + m.ascent;
      const text = (dx: number, dy: number, fill: string) => (
        <text
          x={x + dx}
          y={baseline + dy}
          fill={fill}
          fontSize={line.size}
          fontWeight={fontWeight(line.weight)}
          style={{ fontFamily: CJK_FONT_STACK, fontKerning: 'none', fontVariantLigatures: 'none', whiteSpace: 'pre' }}
        >
          {line.text}
        </text>
      );
      const b = S.captionBorder;
      return (
        <g key={i}>
          {line.box ? <rect x={x - b} y={line.top - b} width={m.width + 2 * b} height={m.ascent + m.descent + 2 * b} fill={cssColor(S.captionBox.color, S.captionBox.alpha)} /> : null}
          {line.shadow ? text(S.shadow.x, S.shadow.y, cssColor(S.shadow.color, S.shadow.alpha)) : null}
          {text(0, 0, line.color)}
        </g>
      );
    })}
  </svg>
);

/** Each narration line's audio at its start (a missing URL plays silence). */
const Narration: React.FC<{ lines: NarrationLine[]; media: CoachingVideoMedia }> = ({ lines, media }) => (
  <>
    {lines.map((line) => {
      const src = media.audioUrls[line.audio.key];
      if (!src) return null;
      return (
        <Sequence key={line.id} from={toFrames(line.startSec)} durationInFrames={toFrames(line.audio.durationSec) + 1} name={line.id} layout="none">
          <Audio src={src} />
        </Sequence>
      );
    })}
  </>
);

/** The music bed: looped, at the renderer's level with its fades, ducked while narration plays. */
const Music: React.FC<{ track: string; duckDb: number; lines: NarrationLine[]; durationSec: number; media: CoachingVideoMedia }> = ({ track, duckDb, lines, durationSec, media }) => {
  const { fps } = useVideoConfig();
  const src = media.trackUrls[track];
  if (!src) return null;
  const fades = musicFades(durationSec);
  const duck = duckCurve(lines, duckDb, fps);
  const volume = (f: number) => {
    const t = f / fps;
    const fadeIn = fades.inSec > 0 ? Math.min(1, t / fades.inSec) : 1;
    const fadeOut = t <= fades.outStartSec ? 1 : Math.max(0, 1 - (t - fades.outStartSec) / fades.outSec);
    return S.musicVolume * fadeIn * fadeOut * duck(f);
  };
  return <Audio src={src} loop loopVolumeCurveBehavior="extend" volume={volume} />;
};

/** Attack and release of the ducking (the FFmpeg renderer's sidechain compressor uses 40 / 600 ms). */
const DUCK_ATTACK_SEC = 0.04;
const DUCK_RELEASE_SEC = 0.6;

/** Gain (0..1) at a frame: 1 in silence, duckDb below while a narration line plays. */
export function duckCurve(lines: NarrationLine[], duckDb: number, fps: number): (frame: number) => number {
  const low = 10 ** (duckDb / 20);
  return (frame) => {
    const t = frame / fps;
    let amount = 0;
    for (const line of lines) {
      const start = line.startSec;
      const end = line.startSec + line.audio.durationSec;
      let a = 0;
      if (t >= start && t <= end) a = 1;
      else if (t < start && t > start - DUCK_ATTACK_SEC) a = 1 - (start - t) / DUCK_ATTACK_SEC;
      else if (t > end && t < end + DUCK_RELEASE_SEC) a = 1 - (t - end) / DUCK_RELEASE_SEC;
      amount = Math.max(amount, a);
    }
    return 1 - amount * (1 - low);
  };
}

/** The spec's length in frames (for Remotion's calculateMetadata and the Player). */
export { totalFrames } from './timing';
