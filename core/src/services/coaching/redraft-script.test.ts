import { describe, expect, it } from 'vitest';
import { EVAL_INPUT } from './eval/send-back-fixture';
import { redraftScript } from './redraft-script';

const redraft = (instructions: string, overrides: Partial<typeof EVAL_INPUT> = {}) => redraftScript({ ...EVAL_INPUT, ...overrides, instructions });
const first = redraft('');
const text = (s: unknown) => JSON.stringify(s);

describe('the offline redraft applies a coach’s send-back operations', () => {
  it('changes the diagnosis: the finding’s words, its measured evidence, its cues and a principle addressing it', () => {
    const r = redraft('診断を混ぜ不足にしてください。');
    expect(r.diagnosisCode).toBe('not_moving');
    expect(r.script.diagnosis.ja).toContain('長く手が止まっていました');
    expect(first.script.diagnosis.ja).not.toContain('長く手が止まっていました');
    expect(r.script.part2.at(-1)!.text.ja).toBe('押さえて、返して、あおる。');
    expect(text(r.script.part2)).toContain('音が一か所で強くなり続けていないか');
    expect(r.report).toEqual({ drafter: 'offline', applied: [{ kind: 'diagnosis', source: '診断を混ぜ不足にしてください', detail: 'pan_not_hot → not_moving' }], notApplied: [] });
  });

  it('a diagnosis with no principle for it closes on the core skill, and nothing measured says it is the coach’s judgement', () => {
    const r = redraft('Make the diagnosis about scorching.');
    expect(r.diagnosisCode).toBe('scorch_risk');
    expect(r.script.diagnosis.en).toContain('scorch risk');
    expect(r.script.part2.at(-1)!.text.en).toBe('Heat the pan until it just smokes.');
  });

  it('moves the clip to a time (kept inside the video), a candidate or the next one; an absent one is reported', () => {
    expect(redraft('0:34からのクリップに').clip).toEqual({ start: 34, end: 49 });
    expect(redraft('Use the footage at 0:55.').clip).toEqual({ start: 45, end: 60 });
    const second = redraft('2番目の候補のクリップにして');
    expect(second.clip).toEqual({ start: 10, end: 25 });
    expect(second.script.part2[0]!.text.ja).toBe('油を熱しているです。');
    expect(redraft('Pick another moment.').clip).toEqual({ start: 10, end: 25 });
    const missing = redraft('候補の3番目を使って。1:30からのクリップに。');
    expect(missing.clip).toEqual(EVAL_INPUT.clip);
    expect(missing.report.notApplied).toEqual(['候補の3番目を使って', '1:30からのクリップに']);
  });

  it('resizes the clip by or to seconds', () => {
    expect(redraft('クリップをもう5秒長くして').clip).toEqual({ start: 38, end: 58 });
    expect(redraft('Cut the clip to 10 seconds.').clip).toEqual({ start: 38, end: 48 });
    expect(redraft('Make the clip 10 seconds longer.').clip).toEqual({ start: 35, end: 60 });
  });

  it('shortens and lengthens parts', () => {
    const short = redraft('全体的に長すぎます。');
    expect(short.script.part2).toHaveLength(2);
    expect(short.script.part1.principle.ja).not.toContain('油はそのあと');
    const longer = redraft('原則の説明をもう少し詳しく。診断をもっと詳しく。後半の解説をもっと詳しく。');
    expect(longer.script.part1.principle.ja).toContain('熱い鍋は米の表面の水分を一瞬で飛ばします。');
    expect(longer.script.diagnosis.ja).toContain('根拠：0:41 入れた瞬間の音が 3.7 dB しか上がりませんでした');
    expect(text(longer.script.part2)).toContain('3.7 dB');
    expect(longer.clip).toEqual({ start: 38, end: 58 });
    expect(longer.report.notApplied).toEqual([]);
    expect(redraft('イントロを短くして').script.part1.intro.ja).toBe('あいこさん、チャーハン、3回目です。');
  });

  it('uses the name or not; asking for what the draft already does counts as done', () => {
    const noName = redraft('名前は呼ばないでください。');
    expect(text(noName.script)).not.toContain('あいこ');
    expect(redraft('Call her by her name.').report).toMatchObject({ applied: [{ kind: 'name' }], notApplied: [] });
  });

  it('drops a Part 2 line by position, cue or quoted text, never the closing rule', () => {
    expect(redraft('2行目を消してください').script.part2.map((l) => l.cue)).toEqual(['sight', 'sight', 'rule']);
    expect(redraft('Drop the line about the sound.').script.part2.map((l) => l.cue)).toEqual(['sight', 'sight', 'rule']);
    expect(text(redraft('「鍋の表面に注目。」の行はいらない').script.part2)).not.toContain('鍋の表面に注目');
    const rule = redraft('最後の行を削除して');
    expect(rule.script).toEqual(first.script);
    expect(rule.report.notApplied).toEqual(['最後の行を削除して']);
  });

  it('reports an emphasis it cannot make and tone it cannot read, and changes nothing for them', () => {
    const r = redraft('見た目より音を強調して。もっと楽しい雰囲気で。', { analysis: { ...EVAL_INPUT.analysis, keyMoments: [{ ...EVAL_INPUT.analysis.keyMoments[0]!, cue: {} }] } });
    expect(r.report.applied).toEqual([]);
    expect(r.report.notApplied).toEqual(['もっと楽しい雰囲気で', '見た目より音を強調して']);
  });
});
