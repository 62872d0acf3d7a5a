/**
 * Per-frame picture measurements on a small YUV 4:2:0 frame (the analysis frame, long side 320 px).
 * Pure functions over typed arrays: extract-signals feeds them raw frames from ffmpeg.
 */

export interface FrameStats {
  /** Mean luma, 0 (black) … 1 (white). */
  brightness: number;
  /** Standard deviation of luma, 0 … 0.5: near 0 means a uniform frame. */
  lumaStd: number;
  /**
   * Root-mean-square luma gradient (forward differences), as a fraction of the luma range. Unlike
   * the mean absolute gradient, which a blur leaves unchanged (an edge's total rise is the same,
   * just spread out), the RMS falls as edges soften: a blur of σ px cuts it by ≈ √σ.
   */
  gradient: number;
  /** Mean HSV saturation of the picture, 0 … 1. */
  saturation: number;
}

export interface LumaRange {
  /** Luma code of black: 16 for limited ("tv") range, 0 for full range. */
  black: number;
  /** Luma codes from black to white: 219 limited, 255 full. */
  span: number;
}

export const TV_RANGE: LumaRange = { black: 16, span: 219 };
export const PC_RANGE: LumaRange = { black: 0, span: 255 };

/**
 * Thresholds for a covered lens, per frame. A real cooking scene (dark pan, bright hob, food,
 * hands) always has a spread of luma of at least ~8 % of the range and visible edges; a finger or
 * palm on the lens gives either an almost black frame, or a smooth, nearly flat glow (light
 * through skin), with hardly any edges. These numbers sit well below what any real scene shows
 * and well above what a covered lens shows.
 */
export const COVERED_FRAME = {
  /** Mean luma below this is black: a palm on the lens, or the phone face down. */
  maxBlackBrightness: 0.06,
  /** …or the frame is near-uniform: luma std below this (≈ 6 codes of 219)… */
  maxUniformLumaStd: 0.03,
  /** …and has almost no edges (RMS gradient under 1 % of the luma range). */
  maxUniformGradient: 0.01,
} as const;

export function isCoveredFrame(stats: FrameStats): boolean {
  return (
    stats.brightness < COVERED_FRAME.maxBlackBrightness ||
    (stats.lumaStd < COVERED_FRAME.maxUniformLumaStd && stats.gradient < COVERED_FRAME.maxUniformGradient)
  );
}

/**
 * Measures one frame. `frame` holds the Y plane (width × height) followed by the U and V planes
 * (width/2 × height/2 each), exactly what `-pix_fmt yuv420p -f rawvideo` writes.
 */
export function measureFrame(frame: Uint8Array, width: number, height: number, range: LumaRange): FrameStats {
  const n = width * height;
  let sum = 0;
  let sumSq = 0;
  let gradSq = 0;
  // One pass over luma: sums for mean/std and forward differences for the gradient.
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const lastRow = y === height - 1;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      const v = frame[i]!;
      sum += v;
      sumSq += v * v;
      if (x < width - 1) {
        const dx = frame[i + 1]! - v;
        gradSq += dx * dx;
      }
      if (!lastRow) {
        const dy = frame[i + width]! - v;
        gradSq += dy * dy;
      }
    }
  }
  const mean = sum / n;
  const variance = Math.max(0, sumSq / n - mean * mean);
  const brightness = clamp01((mean - range.black) / range.span);
  const lumaStd = Math.sqrt(variance) / range.span;
  const gradient = Math.sqrt(gradSq / n) / range.span;
  return { brightness, lumaStd, gradient, saturation: meanSaturation(frame, width, height, range) };
}

/**
 * Mean HSV saturation over the chroma grid (one sample per 2×2 block): BT.601 YUV → RGB, then
 * (max − min) / max. Near-black pixels (max < 6 %) count as 0: their hue is noise.
 */
function meanSaturation(frame: Uint8Array, width: number, height: number, range: LumaRange): number {
  const cw = width >> 1;
  const ch = height >> 1;
  const uOff = width * height;
  const vOff = uOff + cw * ch;
  // Limited-range chroma spans 16–240 (224 codes); full range spans all 256.
  const chromaScale = range.span < 255 ? 255 / 224 : 1;
  let total = 0;
  for (let y = 0; y < ch; y++) {
    const lumaRow = 2 * y * width;
    const chromaRow = y * cw;
    for (let x = 0; x < cw; x++) {
      const luma = (frame[lumaRow + 2 * x]! - range.black) / range.span;
      const u = ((frame[uOff + chromaRow + x]! - 128) * chromaScale) / 255;
      const v = ((frame[vOff + chromaRow + x]! - 128) * chromaScale) / 255;
      const r = luma + 1.402 * v;
      const g = luma - 0.344136 * u - 0.714136 * v;
      const b = luma + 1.772 * u;
      const max = Math.min(1, Math.max(r, g, b));
      if (max < 0.06) continue;
      const min = Math.max(0, Math.min(r, g, b));
      total += Math.min(1, (max - min) / max);
    }
  }
  return total / (cw * ch);
}

/** Mean absolute luma difference between two frames' Y planes, as a fraction of the luma range. */
export function lumaDifference(a: Uint8Array, b: Uint8Array, pixels: number, range: LumaRange): number {
  let diff = 0;
  for (let i = 0; i < pixels; i++) diff += Math.abs(a[i]! - b[i]!);
  return clamp01(diff / pixels / range.span);
}

export function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
