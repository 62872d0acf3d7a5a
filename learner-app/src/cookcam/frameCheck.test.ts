import { describe, expect, it } from 'vitest';
import { borderCrossings, preflight, readFrame, type GreyFrame } from './frameCheck';

const W = 96;
const H = 54;

/** A lit grey counter with a dark pan (a disc with a bright rim) at (cx, cy), radius r. */
function pan(cx: number, cy: number, r: number, light = 150): GreyFrame {
  const luma = new Uint8ClampedArray(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const d = Math.hypot(x - cx, y - cy);
      luma[y * W + x] = d < r - 2 ? light * 0.3 : d < r ? 255 : light + ((x * 7 + y * 3) % 5);
    }
  }
  return { width: W, height: H, luma };
}

const scale = (f: GreyFrame, k: number): GreyFrame => ({ ...f, luma: f.luma.map((v) => v * k) });

describe('frame check', () => {
  it('a centred pan under good light passes', () => {
    const frame = pan(48, 27, 18);
    const r = readFrame(frame, frame);
    expect(r.dark).toBe(false);
    expect(r.blank).toBe(false);
    expect(r.cutOff).toBeNull();
    expect(r.shake).toBe(0);
    expect(preflight([r, r, r])).toEqual([]);
  });

  it('says which side the pan is cut off at', () => {
    const left = pan(8, 27, 22);
    expect(readFrame(left, null).cutOff).toBe('left');
    const spans = borderCrossings(left);
    expect(spans.left).toBeGreaterThan(0.5);
    expect(spans.right).toBe(0);
    expect(preflight([readFrame(left, null), readFrame(left, null)])).toContainEqual({ code: 'cut_off', side: 'left' });
    expect(readFrame(pan(90, 27, 22), null).cutOff).toBe('right');
  });

  it('a handle sticking out of the frame is not a pan cut off', () => {
    const frame = pan(48, 27, 18);
    for (let y = 25; y < 29; y++) for (let x = 66; x < W; x++) frame.luma[y * W + x] = 10; // the handle, off to the right
    expect(readFrame(frame, null).cutOff).toBeNull();
  });

  it('too dark, and a covered lens (no contrast)', () => {
    const dark = scale(pan(48, 27, 18), 0.15);
    expect(preflight([readFrame(dark, null)])).toEqual([{ code: 'dark' }]);
    const covered: GreyFrame = { width: W, height: H, luma: new Uint8ClampedArray(W * H).fill(120) };
    expect(preflight([readFrame(covered, null)])).toEqual([{ code: 'blank' }]);
  });

  it('one odd frame is not a verdict; a moving mount is', () => {
    const good = readFrame(pan(48, 27, 18), null);
    const dark = readFrame(scale(pan(48, 27, 18), 0.1), null);
    expect(preflight([good, good, dark])).toEqual([]);
    const a = pan(48, 27, 18);
    const b = pan(54, 31, 18); // the whole picture moved: the phone is swaying
    const shaky = readFrame(b, a);
    expect(shaky.shake).toBeGreaterThan(0);
    const moved = readFrame(scale(b, 1.3), a);
    expect(preflight([moved, moved, moved]).map((p) => p.code)).toContain('shaky');
  });

  it('measures motion inside the guide separately from the mount shaking', () => {
    const a = pan(48, 27, 18);
    const b = { ...a, luma: a.luma.slice() };
    for (let y = 22; y < 32; y++) for (let x = 43; x < 53; x++) b.luma[y * W + x] = 250; // food moves in the pan
    const r = readFrame(b, a);
    expect(r.motion).toBeGreaterThan(r.shake ?? 0);
    expect(r.shake).toBe(0);
  });
});
