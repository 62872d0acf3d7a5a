import { describe, expect, it } from 'vitest';
import { EVAL_INSTRUCTIONS, evaluateSendBack } from './eval/send-back-fixture';
import { parseSendBack } from './send-back-operations';

const PRINCIPLES = [{ slug: 'dont-overcrowd', title: { ja: '一度に入れすぎない', en: "Don't overcrowd the pan" } }];
const read = (text: string) => parseSendBack(text, PRINCIPLES).operations.map((o) => o.op);

describe('send-back instructions read into operations', () => {
  it('changes the diagnosis to a finding named in Japanese or English', () => {
    expect(read('診断を火力不足に')).toEqual([{ kind: 'diagnosis', finding: 'heat_too_low' }]);
    expect(read('Make the diagnosis about heat.')).toEqual([{ kind: 'diagnosis', finding: 'heat_too_low' }]);
    // Two findings named: the one denied loses.
    expect(read('The issue is scorching at the end, not the preheat.')).toEqual([{ kind: 'diagnosis', finding: 'scorch_risk' }]);
    expect(read('焦げではなく、加熱しすぎが問題です')).toEqual([{ kind: 'diagnosis', finding: 'too_long_on_heat' }]);
  });

  it('moves the clip to a time, a candidate or the next candidate', () => {
    expect(read('0:34からのクリップに')).toEqual([{ kind: 'clip', target: { by: 'time', seconds: 34, anchor: 'from' } }]);
    expect(read('Use the footage at 0:45 instead.')).toEqual([{ kind: 'clip', target: { by: 'time', seconds: 45, anchor: 'at' } }]);
    expect(read('2番目の候補のクリップにして')).toEqual([{ kind: 'clip', target: { by: 'candidate', rank: 2 } }]);
    expect(read('Pick another moment.')).toEqual([{ kind: 'clip', target: { by: 'next' } }]);
  });

  it('shortens or lengthens a part, the clip by or to seconds', () => {
    expect(read('診断の部分をもっと短く')).toEqual([{ kind: 'length', part: 'diagnosis', change: 'shorter' }]);
    expect(read('Explain the principle in more detail.')).toEqual([{ kind: 'length', part: 'principle', change: 'longer' }]);
    expect(read('Make the commentary over the clip shorter.')).toEqual([{ kind: 'length', part: 'part2', change: 'shorter' }]);
    expect(read('クリップをもう5秒長くして')).toEqual([{ kind: 'length', part: 'clip', change: 'longer', seconds: { value: 5, mode: 'by' } }]);
    expect(read('クリップを10秒にして')).toEqual([{ kind: 'length', part: 'clip', change: 'set', seconds: { value: 10, mode: 'to' } }]);
    expect(read('全体的に長すぎます')).toEqual([{ kind: 'length', part: 'all', change: 'shorter' }]);
  });

  it('uses the name or not, and several operations in one sentence', () => {
    expect(read('名前は外して')).toEqual([{ kind: 'name', use: false }]);
    expect(read('Call him by his name.')).toEqual([{ kind: 'name', use: true }]);
    expect(read("Don't use the name and keep it shorter.")).toEqual([{ kind: 'name', use: false }, { kind: 'length', part: 'all', change: 'shorter' }]);
  });

  it('drops a line by position, cue or quoted text', () => {
    expect(read('2行目を消してください')).toEqual([{ kind: 'drop_line', target: { by: 'position', index: 1 } }]);
    expect(read('Drop the line about the sound.')).toEqual([{ kind: 'drop_line', target: { by: 'cue', cue: 'sound' } }]);
    expect(read('「鍋の表面に注目。」の行はいらない')).toEqual([{ kind: 'drop_line', target: { by: 'text', text: '鍋の表面に注目。' } }]);
  });

  it('keeps emphasis, principles and rephrasing, and leaves tone for hand editing', () => {
    expect(read('見た目より音を強調して')).toEqual([{ kind: 'emphasis', cue: 'sound' }]);
    expect(read('一度に入れすぎない を軸に')).toEqual([{ kind: 'focus_principle', slug: 'dont-overcrowd' }]);
    expect(read('Say "crackle" instead of "sizzle".')).toEqual([{ kind: 'replace', from: 'sizzle', to: 'crackle' }]);
    const tone = parseSendBack('Make it sound more encouraging. もっと楽しく。', PRINCIPLES);
    expect(tone.operations).toEqual([]);
    expect(tone.notUnderstood).toEqual(['Make it sound more encouraging', 'もっと楽しく']);
  });

  it('an operation out of range is not read (a 0 s clip)', () => {
    expect(parseSendBack('クリップを0秒にして', []).notUnderstood).toEqual(['クリップを0秒にして']);
  });

  it('the typical-instructions set: at least 30, Japanese and English, and the shares do not fall back', () => {
    expect(EVAL_INSTRUCTIONS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(EVAL_INSTRUCTIONS.map((i) => i.lang))).toEqual(new Set(['ja', 'en']));
    const dev = evaluateSendBack(EVAL_INSTRUCTIONS.filter((i) => i.set === 'dev'));
    expect(dev.readShare).toBeGreaterThanOrEqual(0.95);
    expect(dev.appliedShare).toBeGreaterThanOrEqual(0.85);
    expect(dev.handEditHonest).toBe(1);
  });
});
