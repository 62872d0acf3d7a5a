import { describe, expect, it } from 'vitest';
import { diffScripts, diffText, scriptLines, tokenize } from './diff';
import type { NarrationScript } from './types';

const line = (ja: string, en: string) => ({ ja, en });
const script = (part2: NarrationScript['part2']): NarrationScript => ({
  part1: { intro: line('こんにちは。', 'Hello.'), principle: line('強火が基本。', 'High heat first.') },
  diagnosis: line('鍋が冷たかった。', 'The pan was cold.'),
  pivot: line('動画を使ってそのポイントを見てみましょう。', "Let's look at that point in your video."),
  part2,
});

describe('tokenize', () => {
  it('splits English into words and spaces, Japanese into characters', () => {
    expect(tokenize('the pan was')).toEqual(['the', ' ', 'pan', ' ', 'was']);
    expect(tokenize('音を聞く')).toEqual(['音', 'を', '聞', 'く']);
    expect(tokenize('0:20 の音')).toEqual(['0:20', ' ', 'の', '音']);
  });
});

describe('diffText', () => {
  it('marks a replaced word', () => {
    expect(diffText('Listen to the sizzle.', 'Listen to the loud sizzle.')).toEqual([
      { kind: 'same', text: 'Listen to the ' },
      { kind: 'added', text: 'loud ' },
      { kind: 'same', text: 'sizzle.' },
    ]);
  });
  it('marks Japanese characters', () => {
    expect(diffText('音を聞いて', '音をよく聞いて')).toEqual([
      { kind: 'same', text: '音を' },
      { kind: 'added', text: 'よく' },
      { kind: 'same', text: '聞いて' },
    ]);
  });
  it('folds short unchanged runs between changes into one change', () => {
    expect(diffText('具材が鍋に入る瞬間です。', '鍋から薄く煙が出るまで待ちましょう。')).toEqual([
      { kind: 'removed', text: '具材が鍋に入る瞬間です' },
      { kind: 'added', text: '鍋から薄く煙が出るまで待ちましょう' },
      { kind: 'same', text: '。' },
    ]);
  });
  it('keeps every character of both sides', () => {
    const parts = diffText('a b c d', 'a x c y d z');
    expect(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe('a b c d');
    expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe('a x c y d z');
  });
});

describe('diffScripts', () => {
  it('reports changed, added and removed lines against the AI draft', () => {
    const ai = script([
      { offset: 1, text: line('見て。', 'Look.'), cue: 'sight' },
      { offset: 5, text: line('強火で。', 'Use high heat.'), cue: 'rule' },
    ]);
    const coach = script([{ offset: 1, text: line('よく見て。', 'Look.'), cue: 'rule' }]);
    const diff = diffScripts(scriptLines(ai, { start: 20, end: 35 }), scriptLines(coach, { start: 22, end: 35 }));
    const byKey = Object.fromEntries(diff.map((d) => [d.key, d.kind]));
    expect(byKey).toMatchObject({ clip: 'changed', 'part1.intro.ja': 'same', 'part2.0.ja': 'changed', 'part2.0.en': 'changed', 'part2.1.ja': 'removed' });
    const added = diff.find((d) => d.key === 'part2.0.ja')!.parts.filter((p) => p.kind === 'added').map((p) => p.text).join('');
    expect(added).toContain('rule');
    expect(added).toContain('よく');
  });
});
