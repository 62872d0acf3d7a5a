/**
 * The look of the coaching video, shared by the FFmpeg renderer (render-segment.ts, via
 * spec-to-render-input.ts) and the Remotion composition (remotion/src/CoachingVideo.tsx) so that
 * the console's live preview and the final MP4 agree: colours, fonts, sizes, line wrapping,
 * text positions, music fades and the applause window. Browser-safe: no Node imports.
 */
import { RENDER_FORMAT } from './render-input';
import { wrapText } from './text-layout';

/** Colours are '#rrggbb' (both ffmpeg and CSS read them); alphas are 0..1. */
export const RENDER_STYLE = {
  /** Card gradient when a card names no colours (top-left → bottom). */
  cardColors: ['#2b1d14', '#7a4a24'] as [string, string],
  /** The gradient runs from the top-left corner to (gradientEndX × width, height). */
  gradientEndX: 0.4,
  padColor: '#000000',
  textColor: '#ffffff',
  subtitleColor: '#f3e6d6',
  titleSize: 68,
  titleMaxWidth: 1080,
  titleLineHeight: 1.35,
  subtitleSize: 40,
  subtitleMaxWidth: 1040,
  subtitleLineHeight: 1.45,
  /** Space between the title block and the subtitle block. */
  cardGap: 28,
  maxLines: 3,
  shadow: { color: '#000000', alpha: 0.45, x: 2, y: 3 },
  captionSize: 40,
  captionMaxWidth: 1100,
  /** Padding of the caption box around the ink of each line. */
  captionBorder: 14,
  captionLineGap: 4,
  captionBottom: 56,
  captionBox: { color: '#000000', alpha: 0.55 },
  /** The outline around where the key moment happened, during its slow replay. */
  marker: { color: '#ffd54a', thickness: 6 },
  musicVolume: 0.32,
  applauseVolume: 0.55,
  /** Longest applause (the synthesised applause WAV's default length). */
  applauseMaxSec: 7,
} as const;

/** Card background colours per segment (top-left, bottom of the gradient). */
export const CARD_COLORS: Record<'diagnosis' | 'pivot' | 'outro', [string, string]> = {
  diagnosis: ['#2a1d16', '#120c09'],
  pivot: ['#1d2b3a', '#0c1218'],
  outro: ['#3a2414', '#140c07'],
};

/** Emoji, pictographs, their modifiers/joiners/variation selectors and flags (as the TTS strips them). */
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0e|\ufe0f|\u20e3/gu;

/**
 * Text for cards and captions: emoji removed (the CJK font has no emoji glyphs and would draw
 * boxes), whitespace collapsed. Japanese and mixed Latin/Japanese text are kept as they are.
 */
export function displayText(text: string): string {
  return text.normalize('NFC').replace(EMOJI, ' ').replace(/\s+/g, ' ').trim();
}

/** A card's title and subtitle as displayed; a title made only of emoji gives way to the subtitle. */
export function cardText(title: string, subtitle = ''): { title: string; subtitle?: string } {
  const t = displayText(title);
  const s = displayText(subtitle);
  if (!t) return { title: s };
  return { title: t, ...(s ? { subtitle: s } : {}) };
}

/**
 * One line of text as both renderers draw it: centred horizontally on its advance width, `top`
 * being the top of the line's ink (ffmpeg drawtext's `y`), so the baseline sits at
 * top + the line's own ink ascent.
 */
export interface StyledLine {
  text: string;
  weight: 'regular' | 'bold';
  size: number;
  top: number;
  color: string;
  shadow: boolean;
  /** A box of captionBox colour, captionBorder px around the line's ink. */
  box: boolean;
}

/** Title (bold) and subtitle lines of a card, the block centred vertically. */
export function layoutCard(title: string, subtitle?: string): StyledLine[] {
  const S = RENDER_STYLE;
  const titleLines = wrapText(title, S.titleMaxWidth / S.titleSize, S.maxLines);
  const subLines = subtitle ? wrapText(subtitle, S.subtitleMaxWidth / S.subtitleSize, S.maxLines) : [];
  const tH = S.titleSize * S.titleLineHeight;
  const sH = S.subtitleSize * S.subtitleLineHeight;
  const gap = subLines.length ? S.cardGap : 0;
  const blockH = titleLines.length * tH + gap + subLines.length * sH;
  let y = (RENDER_FORMAT.height - blockH) / 2;
  const lines: StyledLine[] = [];
  for (const text of titleLines) {
    lines.push({ text, weight: 'bold', size: S.titleSize, top: Math.round(y), color: S.textColor, shadow: true, box: false });
    y += tH;
  }
  y += gap;
  for (const text of subLines) {
    lines.push({ text, weight: 'regular', size: S.subtitleSize, top: Math.round(y), color: S.subtitleColor, shadow: true, box: false });
    y += sH;
  }
  return lines;
}

/** A caption's lines, stacked up from captionBottom px above the bottom edge. */
export function layoutCaption(text: string): StyledLine[] {
  const S = RENDER_STYLE;
  const lines = wrapText(text, S.captionMaxWidth / S.captionSize, S.maxLines);
  const lineH = S.captionSize + 2 * S.captionBorder + S.captionLineGap;
  return lines.map((line, i) => ({
    text: line,
    weight: 'regular',
    size: S.captionSize,
    top: RENDER_FORMAT.height - S.captionBottom - (lines.length - i) * lineH + S.captionBorder,
    color: S.textColor,
    shadow: false,
    box: true,
  }));
}

/** Whether a caption shows at `t` seconds into its segment (both ends inclusive, as drawtext's enable). */
export function captionVisible(caption: { startSec: number; endSec: number }, t: number): boolean {
  return t >= caption.startSec && t <= caption.endSec;
}

/** The music bed's fades in a segment of `durationSec`. */
export function musicFades(durationSec: number): { inSec: number; outStartSec: number; outSec: number } {
  const outSec = Math.min(1.5, durationSec / 3);
  return { inSec: Math.min(1, durationSec / 4), outStartSec: durationSec - outSec, outSec };
}

/** When the applause plays in an outro of `durationSec` (its length on a 0.1 s grid, as synthesised). */
export function applauseWindow(durationSec: number): { startSec: number; durationSec: number } {
  const startSec = Math.min(0.5, durationSec / 4);
  const len = Math.max(1, Math.min(RENDER_STYLE.applauseMaxSec, durationSec - startSec));
  return { startSec, durationSec: Math.round(len * 10) / 10 };
}

/** '#rrggbb' + alpha → CSS rgba(). */
export function cssColor(hex: string, alpha = 1): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/**
 * The card gradient's line: c0 at (x0, y0) to c1 at (x1, y1), clamped beyond. Inside the frame
 * on purpose: ffmpeg's `gradients` source replaces an out-of-frame end point (e.g. y = height)
 * with a random one.
 */
export function cardGradientLine(width: number = RENDER_FORMAT.width, height: number = RENDER_FORMAT.height): { x0: number; y0: number; x1: number; y1: number } {
  return { x0: 0, y0: 0, x1: Math.round(width * RENDER_STYLE.gradientEndX), y1: height - 1 };
}

/**
 * The card gradient as CSS: ffmpeg's `gradients` source interpolates c0→c1 along the vector of
 * cardGradientLine (projection, clamped); CSS measures its gradient line through the centre, so
 * the same ramp is an angle plus stop positions.
 */
export function cssCardGradient(colors: [string, string], width: number = RENDER_FORMAT.width, height: number = RENDER_FORMAT.height): string {
  const { x1: dx, y1: dy } = cardGradientLine(width, height);
  const len = Math.hypot(dx, dy);
  const ux = dx / len;
  const uy = dy / len;
  // CSS angle: 0deg points up, clockwise; the line's length makes the corners 0 % and 100 %,
  // and (the direction pointing right and down) the top-left corner is the 0 % point.
  const angle = (Math.atan2(ux, -uy) * 180) / Math.PI;
  const lineLen = width * ux + height * uy;
  const endPct = (len / lineLen) * 100;
  return `linear-gradient(${angle.toFixed(3)}deg, ${colors[0]} 0%, ${colors[1]} ${endPct.toFixed(3)}%)`;
}
