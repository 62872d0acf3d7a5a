import type { VideoProbe } from './probe-video';

/**
 * The size to scale a display-oriented picture to: `longSide` on the long side (never upscaled),
 * aspect kept, both sides even (H.264 4:2:0 and JPEG 4:2:0 need even sizes).
 */
export function fitLongSide(width: number, height: number, longSide: number): { width: number; height: number } {
  const scale = Math.min(1, longSide / Math.max(width, height));
  const even = (v: number) => Math.max(2, Math.round((v * scale) / 2) * 2);
  return { width: even(width), height: even(height) };
}

/**
 * Filters that turn an HDR clip (iPhones record HLG by default) into SDR BT.709 so it does not
 * look washed out in browsers. Runs after scaling, on the small picture: tone mapping is float math.
 */
export function toSdrFilters(probe: Pick<VideoProbe, 'isHdr'>): string[] {
  if (!probe.isHdr) return [];
  return [
    'zscale=t=linear:npl=100',
    'format=gbrpf32le',
    'zscale=p=bt709',
    'tonemap=tonemap=hable:desat=0',
    'zscale=t=bt709:m=bt709:r=tv',
  ];
}
