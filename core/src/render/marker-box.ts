import { RENDER_FORMAT } from './render-input';

/**
 * A marker given in fractions of the cook's picture, in output pixels: the picture is scaled to
 * fit the frame and centred (letterboxed or pillarboxed, as both renderers draw it). Browser-safe.
 */
export function markerBox(
  marker: { x: number; y: number; w: number; h: number },
  sourceAspect: number | undefined,
  frame: { width: number; height: number } = RENDER_FORMAT,
): { x: number; y: number; w: number; h: number } {
  const frameAspect = frame.width / frame.height;
  const aspect = sourceAspect && sourceAspect > 0 ? sourceAspect : frameAspect;
  const pw = aspect >= frameAspect ? frame.width : Math.round(frame.height * aspect);
  const ph = aspect >= frameAspect ? Math.round(frame.width / aspect) : frame.height;
  const ox = Math.floor((frame.width - pw) / 2);
  const oy = Math.floor((frame.height - ph) / 2);
  const x = Math.round(ox + marker.x * pw);
  const y = Math.round(oy + marker.y * ph);
  const w = Math.max(8, Math.min(Math.round(marker.w * pw), frame.width - x));
  const h = Math.max(8, Math.min(Math.round(marker.h * ph), frame.height - y));
  return { x, y, w, h };
}
