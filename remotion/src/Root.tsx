import type React from 'react';
import { Composition } from 'remotion';
import { RENDER_FORMAT } from '@ajimi/core/render/render-input';
import { parseTimelineSpec } from '@ajimi/core/video/timeline-spec';
import { CoachingVideo } from './CoachingVideo';
import { DEFAULT_COACHING_VIDEO_PROPS } from './default-props';
import { COACHING_VIDEO_COMPOSITION_ID, type CoachingVideoProps } from './props';
import { totalFrames } from './timing';

/** The bundle's root: one composition, its length taken from the spec passed as input props. */
export const RemotionRoot: React.FC = () => (
  <Composition
    id={COACHING_VIDEO_COMPOSITION_ID}
    component={CoachingVideo}
    width={RENDER_FORMAT.width}
    height={RENDER_FORMAT.height}
    fps={RENDER_FORMAT.fps}
    // Replaced by calculateMetadata from the spec.
    durationInFrames={1}
    defaultProps={DEFAULT_COACHING_VIDEO_PROPS}
    calculateMetadata={({ props }: { props: CoachingVideoProps }) => {
      // A server render validates the spec here: an invalid one fails with every issue listed.
      const spec = parseTimelineSpec(props.spec);
      return { durationInFrames: totalFrames(spec), props: { ...props, spec } };
    }}
  />
);
