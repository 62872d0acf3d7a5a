import { describe, expect, it } from 'vitest';
import { splitForTts } from './split-for-tts';

describe('splitForTts', () => {
  it('keeps short text whole', () => {
    expect(splitForTts('鍋を熱します。', 5000)).toEqual(['鍋を熱します。']);
  });

  it('cuts at sentence ends, every piece within the byte limit, nothing lost', () => {
    const sentence = '強火で鍋をしっかり熱してから油を入れます。'; // 63 bytes
    const text = sentence.repeat(200); // 12,600 bytes
    const pieces = splitForTts(text, 5000);
    expect(pieces.length).toBe(3);
    for (const p of pieces) {
      expect(Buffer.byteLength(p)).toBeLessThanOrEqual(5000);
      expect(p.endsWith('。')).toBe(true);
    }
    expect(pieces.join('')).toBe(text);
  });

  it('falls back to commas, then characters, for a sentence longer than the limit', () => {
    const text = 'あ'.repeat(40) + '、' + 'い'.repeat(40);
    const byComma = splitForTts(text, 130);
    expect(byComma).toEqual(['あ'.repeat(40) + '、', 'い'.repeat(40)]);
    const byChar = splitForTts('う'.repeat(100), 90);
    expect(byChar.every((p) => Buffer.byteLength(p) <= 90)).toBe(true);
    expect(byChar.join('')).toBe('う'.repeat(100));
  });
});
