import { describe, expect, it } from 'vitest';
import { stableStringify } from './segment-cache';
import { synthApplause, synthMusic, encodeWav } from './synth-audio';
import { escapeFilterValue, textWidthEm, wrapText } from './text-layout';

describe('wrapText', () => {
  it('keeps short text on one line and wraps Japanese to the width', () => {
    expect(wrapText('強火で一気に', 10)).toEqual(['強火で一気に']);
    const lines = wrapText('油がしっかり温まってから卵を入れると、ご飯がパラパラになります。', 12);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidthEm(l)).toBeLessThanOrEqual(12);
    expect(lines.join('')).toBe('油がしっかり温まってから卵を入れると、ご飯がパラパラになります。');
  });
  it('does not start a line with closing punctuation', () => {
    const lines = wrapText('あいうえおかきくけこ。さしすせそ', 10);
    for (const l of lines) expect(l.startsWith('。')).toBe(false);
  });
  it('keeps Latin words whole and limits lines', () => {
    const lines = wrapText('Hot pan, cold oil is not the rule here at all', 10);
    expect(lines.every((l) => !/^\S+$/.test(l) || l.length < 20)).toBe(true);
    expect(lines.join(' ')).toBe('Hot pan, cold oil is not the rule here at all');
    expect(wrapText('あ'.repeat(50), 10, 2)).toHaveLength(2);
  });
});

describe('escapeFilterValue', () => {
  it('escapes both filtergraph levels', () => {
    expect(escapeFilterValue("/tmp/a:b/it's[1],x;y")).toBe("/tmp/a\\\\:b/it\\\\\\'s\\[1\\]\\,x\\;y");
    expect(escapeFilterValue('between(t,1,2)')).toBe('between(t\\,1\\,2)');
  });
});

describe('stableStringify', () => {
  it('sorts keys at every level', () => {
    expect(stableStringify({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,{"x":0,"y":1}]},"b":1}');
  });
});

describe('synthesised audio', () => {
  it('is deterministic and not silent', () => {
    const a = encodeWav(synthApplause({ durationSec: 2 }));
    const b = encodeWav(synthApplause({ durationSec: 2 }));
    expect(a.equals(b)).toBe(true);
    expect(a.length).toBe(44 + 2 * 48000 * 4);
    const music = synthMusic();
    expect(music.left.length).toBeGreaterThan(48000 * 20);
    expect(Math.max(...music.left.subarray(0, 48000))).toBeGreaterThan(0.05);
    expect(encodeWav(synthApplause({ durationSec: 2, seed: 2 })).equals(a)).toBe(false);
  });
});
