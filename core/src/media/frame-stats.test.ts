import { describe, expect, it } from 'vitest';
import { isCoveredFrame, lumaDifference, measureFrame, PC_RANGE, TV_RANGE } from './frame-stats';

const W = 64;
const H = 36;

function frame(luma: (x: number, y: number) => number, u = 128, v = 128): Uint8Array {
  const f = new Uint8Array((W * H * 3) / 2);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) f[y * W + x] = luma(x, y);
  f.fill(u, W * H, W * H + (W * H) / 4);
  f.fill(v, W * H + (W * H) / 4);
  return f;
}

describe('measureFrame', () => {
  it('a black frame is dark, flat and covered', () => {
    const s = measureFrame(frame(() => 16), W, H, TV_RANGE);
    expect(s).toMatchObject({ brightness: 0, lumaStd: 0, gradient: 0, saturation: 0 });
    expect(isCoveredFrame(s)).toBe(true);
  });

  it('a flat mid-grey frame (a finger in daylight) is covered even though it is bright', () => {
    const s = measureFrame(frame(() => 140), W, H, TV_RANGE);
    expect(s.brightness).toBeCloseTo((140 - 16) / 219, 3);
    expect(isCoveredFrame(s)).toBe(true);
  });

  it('a scene with edges is not covered, and a blur lowers its sharpness', () => {
    const sharp = measureFrame(frame((x, y) => ((Math.floor(x / 8) + Math.floor(y / 8)) % 2 ? 200 : 40)), W, H, TV_RANGE);
    const soft = measureFrame(frame((x, y) => 120 + 80 * Math.sin(x / 5) * Math.cos(y / 5)), W, H, TV_RANGE);
    expect(isCoveredFrame(sharp)).toBe(false);
    expect(isCoveredFrame(soft)).toBe(false);
    expect(sharp.gradient).toBeGreaterThan(2 * soft.gradient);
    expect(sharp.lumaStd).toBeGreaterThan(0.3);
  });

  it('measures saturation from chroma: grey is 0, strong red is high', () => {
    expect(measureFrame(frame(() => 120), W, H, TV_RANGE).saturation).toBe(0);
    // BT.601 limited-range red: Y 81, U 90, V 240.
    expect(measureFrame(frame(() => 81, 90, 240), W, H, TV_RANGE).saturation).toBeGreaterThan(0.9);
  });

  it('uses the full 0–255 range for full-range video', () => {
    expect(measureFrame(frame(() => 255), W, H, PC_RANGE).brightness).toBe(1);
    expect(measureFrame(frame(() => 255), W, H, TV_RANGE).brightness).toBe(1);
  });
});

describe('lumaDifference', () => {
  it('is the mean absolute difference as a fraction of the luma range', () => {
    const a = frame(() => 16);
    const b = frame((x) => (x < W / 2 ? 16 + 219 : 16));
    expect(lumaDifference(a, b, W * H, TV_RANGE)).toBeCloseTo(0.5, 5);
    expect(lumaDifference(a, a, W * H, TV_RANGE)).toBe(0);
  });
});
