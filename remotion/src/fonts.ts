import { useEffect, useState } from 'react';
import { continueRender, delayRender } from 'remotion';
import type { CoachingVideoMedia } from './props';

/** The family the given font files are registered under (so they win over whatever is installed). */
const LOADED_FAMILY = 'Ajimi Noto Sans CJK JP';
/** The FFmpeg renderer draws with Noto Sans CJK JP; browsers without it fall back to Noto Sans JP. */
export const CJK_FONT_STACK = `'${LOADED_FAMILY}', 'Noto Sans CJK JP', 'Noto Sans JP', sans-serif`;

export const fontWeight = (weight: 'regular' | 'bold') => (weight === 'bold' ? 700 : 400);

const loads = new Map<string, Promise<void>>();

/** Registers the font files (once per URL pair) and waits until both weights can draw. */
function loadFonts(urls: CoachingVideoMedia['fontUrls']): Promise<void> {
  const key = `${urls?.regular ?? ''}|${urls?.bold ?? ''}`;
  let pending = loads.get(key);
  if (!pending) {
    pending = (async () => {
      const faces: Array<[string | undefined, string]> = [
        [urls?.regular, '400'],
        [urls?.bold ?? urls?.regular, '700'],
      ];
      for (const [url, weight] of faces) {
        if (!url) continue;
        const face = new FontFace(LOADED_FAMILY, `url(${JSON.stringify(url)})`, { weight });
        document.fonts.add(await face.load());
      }
      await Promise.all([document.fonts.load(`400 40px ${CJK_FONT_STACK}`, 'あ漢A'), document.fonts.load(`700 68px ${CJK_FONT_STACK}`, 'あ漢A')]);
    })();
    loads.set(key, pending);
  }
  return pending;
}

/**
 * True once the CJK font is usable. Holds the render (delayRender) until then, because text
 * positions are computed from the font's measured ink.
 */
export function useCjkFontsReady(urls: CoachingVideoMedia['fontUrls']): boolean {
  const [ready, setReady] = useState(false);
  // Registered during the first render, so a server render waits for the font from frame one.
  const [handle] = useState(() => delayRender('Loading the CJK font'));
  const regular = urls?.regular;
  const bold = urls?.bold;
  useEffect(() => {
    let live = true;
    loadFonts({ regular, bold })
      .catch((error: unknown) => console.warn('CJK font not loaded; falling back to the installed fonts', error))
      .finally(() => {
        clearMeasurements();
        if (live) setReady(true);
        continueRender(handle);
      });
    return () => {
      live = false;
    };
  }, [regular, bold, handle]);
  return ready;
}

export interface InkMetrics {
  /** Advance width (what drawtext's text_w is), px. */
  width: number;
  /** Ink above / below the baseline, rounded out to whole pixels like FreeType's pixel bbox. */
  ascent: number;
  descent: number;
}

let canvas: HTMLCanvasElement | undefined;
const metricsCache = new Map<string, InkMetrics>();

/**
 * The line's ink box as ffmpeg's drawtext sees it: drawtext puts the top of the line's ink at `y`
 * and its box around the ink, so the baseline depends on the glyphs in the line.
 */
export function measureLine(text: string, size: number, weight: 'regular' | 'bold'): InkMetrics {
  const key = `${weight}|${size}|${text}`;
  const known = metricsCache.get(key);
  if (known) return known;
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return { width: text.length * size, ascent: Math.round(size * 0.88), descent: Math.round(size * 0.12) };
  ctx.font = `${fontWeight(weight)} ${size}px ${CJK_FONT_STACK}`;
  ctx.fontKerning = 'none';
  const m = ctx.measureText(text);
  // A space's empty box sits on the baseline: drawtext's box then always reaches the baseline.
  const hasSpace = text.includes(' ');
  let ascent = Math.ceil(m.actualBoundingBoxAscent - 1e-3);
  let descent = Math.ceil(m.actualBoundingBoxDescent - 1e-3);
  if (hasSpace) {
    ascent = Math.max(0, ascent);
    descent = Math.max(0, descent);
  }
  const metrics = { width: Math.round(m.width), ascent, descent };
  metricsCache.set(key, metrics);
  return metrics;
}

/** Forget measurements (after fonts changed). */
export function clearMeasurements(): void {
  metricsCache.clear();
}
