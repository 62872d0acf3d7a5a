/**
 * The media layer: every ffmpeg/ffprobe call in Ajimi goes through here (argument arrays, no
 * shell, abortable, stderr kept for errors). Ingest's steps, in order:
 *   probePlayableVideo → extractSignals → makePoster / makeSprite → makeProxy
 */
export { MediaError, MEDIA_ERROR_CODES, mediaErrorMessage, isMediaError, type MediaErrorCode, type Bilingual } from './media-error';
export { DEFAULT_MEDIA_TOOLS, type MediaCallOptions, type MediaToolPaths } from './run-media-tool';
export {
  probeVideo,
  probePlayableVideo,
  assertPlayableVideo,
  parseProbeOutput,
  VIDEO_LIMITS,
  type VideoProbe,
  type PlayableVideoProbe,
} from './probe-video';
export { makeProxy, PROXY_DEFAULTS, type MakeProxyOptions, type ProxyResult } from './make-proxy';
export { makePoster, defaultPosterTime, pickPosterTime, type MakePosterOptions, type PosterResult } from './make-poster';
export { makeSprite, spriteLayout, SPRITE_DEFAULTS, type MakeSpriteOptions, type SpriteIndex, type SpriteResult } from './make-sprite';
export {
  extractSignals,
  estimateFullDecodeSec,
  SIGNAL_THRESHOLDS,
  ANALYSIS_FPS,
  type ExtractSignalsOptions,
  type ExtractedSignals,
  type SignalsMode,
} from './extract-signals';
export { COVERED_FRAME } from './frame-stats';
export { summarizeSignals, type SignalsSummary, type SignalsWindow, type SummarizeOptions } from './summarize-signals';
export { fitLongSide } from './video-filters';
