import { Player, type PlayerRef } from '@remotion/player';
import type React from 'react';
import { useMemo } from 'react';
import { RENDER_FORMAT } from '@ajimi/core/render/render-input';
import type { TimelineSpec } from '@ajimi/core/video/timeline-spec';
import { CoachingVideo } from './CoachingVideo';
import type { CoachingVideoMedia, CoachingVideoProps } from './props';
import { totalFrames } from './timing';

export interface CoachingVideoPlayerProps {
  spec: TimelineSpec;
  media: CoachingVideoMedia;
  /** Seek, play and listen to frame updates (PlayerRef: seekTo, play, pause, getCurrentFrame, addEventListener). */
  playerRef?: React.Ref<PlayerRef>;
  initialFrame?: number;
  /** Default true. */
  controls?: boolean;
  autoPlay?: boolean;
  loop?: boolean;
  clickToPlay?: boolean;
  /** Extra style for the player box; it is responsive (100 % wide, 16:9) by default. */
  style?: React.CSSProperties;
  className?: string;
}

/**
 * The console's live preview: the same composition the server renders, in @remotion/player at
 * 1280×720, scaled to the width of its container.
 */
export const CoachingVideoPlayer: React.FC<CoachingVideoPlayerProps> = ({
  spec,
  media,
  playerRef,
  initialFrame,
  controls = true,
  autoPlay = false,
  loop = false,
  clickToPlay = true,
  style,
  className,
}) => {
  const inputProps = useMemo<CoachingVideoProps>(() => ({ spec, media }), [spec, media]);
  return (
    <Player
      ref={playerRef}
      component={CoachingVideo}
      inputProps={inputProps}
      durationInFrames={totalFrames(spec)}
      fps={RENDER_FORMAT.fps}
      compositionWidth={RENDER_FORMAT.width}
      compositionHeight={RENDER_FORMAT.height}
      initialFrame={initialFrame}
      controls={controls}
      autoPlay={autoPlay}
      loop={loop}
      clickToPlay={clickToPlay}
      style={{ width: '100%', aspectRatio: `${RENDER_FORMAT.width} / ${RENDER_FORMAT.height}`, ...style }}
      className={className}
    />
  );
};

export type { PlayerRef } from '@remotion/player';
export type { CoachingVideoMedia } from './props';
