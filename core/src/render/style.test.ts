import { describe, expect, it } from 'vitest';
import { stripEmoji } from '../providers/tts/japanese-reading';
import { RENDER_FORMAT } from './render-input';
import { applauseWindow, cardGradientLine, cardText, cssCardGradient, displayText, layoutCaption, layoutCard, musicFades, RENDER_STYLE } from './style';

describe('shared render style', () => {
  it('displayText strips emoji exactly like the TTS does, keeping mixed Latin/Japanese text', () => {
    for (const text of ['🍳 IH は MAX、卵を入れます 🔥', '👍🏽 good ジュッ!', 'フラグ🇯🇵です', '1️⃣ まず', 'ふつうの文']) {
      expect(displayText(text)).toBe(stripEmoji(text.normalize('NFC')));
    }
    expect(displayText('🍳 IH は MAX、卵を入れます 🔥')).toBe('IH は MAX、卵を入れます');
  });

  it('a card whose title is only emoji shows its subtitle as the title', () => {
    expect(cardText('🎉🎉', 'おつかれさま')).toEqual({ title: 'おつかれさま' });
    expect(cardText('タイトル', '')).toEqual({ title: 'タイトル' });
    expect(cardText('タイトル', 'サブ 😀')).toEqual({ title: 'タイトル', subtitle: 'サブ' });
  });

  it('stacks caption lines up from the bottom margin, each box captionBorder around its line', () => {
    const S = RENDER_STYLE;
    const one = layoutCaption('ここで卵が入ります');
    expect(one).toHaveLength(1);
    const lineH = S.captionSize + 2 * S.captionBorder + S.captionLineGap;
    expect(one[0]!.top).toBe(RENDER_FORMAT.height - S.captionBottom - lineH + S.captionBorder);
    const long = layoutCaption('煙がうっすら出るまで待つ、それがルールです。鍋の表面をよく見て、油がさらさらになるまで待ちましょう');
    expect(long.length).toBe(2);
    expect(long[1]!.top - long[0]!.top).toBe(lineH);
    expect(long.every((l) => l.box && l.size === S.captionSize)).toBe(true);
  });

  it('centres the card block vertically, title bold above the subtitle', () => {
    const lines = layoutCard('あいこさんへ ― 今回のポイント', 'チャーハン');
    expect(lines.map((l) => l.weight)).toEqual(['bold', 'regular']);
    const blockH = RENDER_STYLE.titleSize * RENDER_STYLE.titleLineHeight + RENDER_STYLE.cardGap + RENDER_STYLE.subtitleSize * RENDER_STYLE.subtitleLineHeight;
    expect(lines[0]!.top).toBe(Math.round((RENDER_FORMAT.height - blockH) / 2));
  });

  it('the CSS card gradient puts every pixel at the same point of the ramp as ffmpeg gradients', () => {
    const { width: W, height: H } = RENDER_FORMAT;
    const css = cssCardGradient(['#000000', '#ffffff']);
    const m = /linear-gradient\(([\d.]+)deg, #000000 0%, #ffffff ([\d.]+)%\)/.exec(css);
    expect(m).not.toBeNull();
    const angle = (Number(m![1]) * Math.PI) / 180;
    const end = Number(m![2]) / 100;
    const u = { x: Math.sin(angle), y: -Math.cos(angle) };
    const lineLen = Math.abs(W * u.x) + Math.abs(H * u.y);
    const g = cardGradientLine();
    const dd = (g.x1 - g.x0) ** 2 + (g.y1 - g.y0) ** 2;
    for (const [x, y] of [[0, 0], [300, 100], [640, 360], [100, 600], [1279, 0], [512, 719], [1279, 719]] as const) {
      // CSS: position along the line through the centre; ffmpeg: projection onto (x0,y0)→(x1,y1).
      const tCss = Math.min(1, Math.max(0, ((x - W / 2) * u.x + (y - H / 2) * u.y) / lineLen + 0.5) / end);
      const tFf = Math.min(1, Math.max(0, ((x - g.x0) * (g.x1 - g.x0) + (y - g.y0) * (g.y1 - g.y0)) / dd));
      expect(tCss).toBeCloseTo(tFf, 4);
    }
    // Inside the frame: ffmpeg's gradients source randomises an end point outside it.
    expect(g.x1).toBeLessThan(W);
    expect(g.y1).toBeLessThan(H);
  });

  it('music fades and the applause window follow the segment length', () => {
    expect(musicFades(20)).toEqual({ inSec: 1, outStartSec: 18.5, outSec: 1.5 });
    expect(musicFades(2).inSec).toBe(0.5);
    expect(applauseWindow(20)).toEqual({ startSec: 0.5, durationSec: RENDER_STYLE.applauseMaxSec });
    expect(applauseWindow(3)).toEqual({ startSec: 0.5, durationSec: 2.5 });
  });
});
