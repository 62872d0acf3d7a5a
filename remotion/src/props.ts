import type { TimelineSpec } from '@ajimi/core/video/timeline-spec';

/**
 * Where the composition finds the spec's media, as URLs a browser can fetch (signed media URLs
 * from the API for the console preview; file:// or a loopback server for server-side renders).
 * The spec names assets by key; this maps keys to URLs so the spec itself stays storage-free.
 */
export interface CoachingVideoMedia {
  /** The cook's footage the spec cuts from (the proxy when there is one: same timeline). */
  sourceVideoUrl: string;
  /** Narration audio by TTS asset key (TimelineSpec …lines[].audio.key). A missing key plays silence. */
  audioUrls: Record<string, string>;
  /** Synthesised beds by spec track name ("synth:music", "synth:applause"). Missing = silence. */
  trackUrls: Record<string, string>;
  /**
   * The Noto Sans CJK JP font files (the ones the FFmpeg renderer draws with), loaded with
   * FontFace. Optional: without them the installed 'Noto Sans CJK JP' / 'Noto Sans JP' is used.
   */
  fontUrls?: { regular?: string; bold?: string };
}

/** The composition's input props: the spec is the single source of truth for preview and render. */
export interface CoachingVideoProps {
  spec: TimelineSpec;
  media: CoachingVideoMedia;
  // Remotion's inputProps must be an index-signature record.
  [key: string]: unknown;
}

export const COACHING_VIDEO_COMPOSITION_ID = 'CoachingVideo';
