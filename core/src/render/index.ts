/**
 * The coaching-video renderer (plain FFmpeg): segments rendered separately, cached by the hash
 * of their input, and joined by stream copy. Input: RenderInput (mapped from the timeline spec).
 */
export {
  RENDER_FORMAT,
  validateRenderSegment,
  type RenderInput,
  type RenderSegment,
  type RenderSegmentKind,
  type CardBackground,
  type SourceBackground,
  type SourceRange,
  type NarrationLine,
  type Caption,
} from './render-input';
export { renderSegment, frameAlignedDuration, RENDER_STYLE, SEGMENT_ENCODE_ARGS, type RenderSegmentOptions, type RenderedSegment } from './render-segment';
export { renderVideo, type RenderVideoOptions, type RenderedVideo } from './render-video';
export { SegmentCache, segmentHash, stableStringify, fileContentHash, SEGMENT_RENDERER_VERSION } from './segment-cache';
export {
  musicWav,
  applauseWav,
  synthMusic,
  synthApplause,
  encodeWav,
  seededRandom,
  MUSIC_DEFAULTS,
  APPLAUSE_DEFAULTS,
  SYNTH_VERSION,
  type MusicParams,
  type ApplauseParams,
} from './synth-audio';
export { resolveCjkFonts, CJK_FONT_FAMILY, type CjkFonts } from './cjk-font';
export { wrapText, escapeFilterValue } from './text-layout';
export { CARD_COLORS, displayText, cardText, layoutCard, layoutCaption, captionVisible, musicFades, applauseWindow, cardGradientLine, cssCardGradient, cssColor, type StyledLine } from './style';
