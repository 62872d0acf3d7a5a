import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../domain/analysis';
import { coachingContentSchema, renderCoachingBody } from './coaching-content';
import { composeCoachingText, type PrincipleForCoaching } from './compose-coaching-text';
import { composeNarrationScript, estimateSpeechSeconds, narrationScriptSchema } from './narration-script';

const analysis: AnalysisResult = {
  events: [{ t: 42, type: 'ingredient_added', confidence: 0.9 }],
  keyMoments: [
    {
      start: 39,
      end: 54,
      reason: { ja: '0:42 具材が鍋に入る瞬間', en: '0:42 The moment the ingredients hit the pan' },
      cue: { sight: { ja: '湯気と油はね', en: 'steam and spatter' }, sound: { ja: 'ジュワッという音', en: 'the sizzle' } },
      score: 0.9,
    },
  ],
  diagnosis: {
    code: 'pan_not_hot',
    problem: { ja: '具材を入れたとき、鍋の温度が足りていませんでした。', en: 'The pan was not hot enough.' },
    why: { ja: '水分が飛ばずに煮えてしまいます。', en: 'The food stews instead of frying.' },
    evidence: [{ ja: '音は 3.1 dB しか上がりませんでした。', en: 'The sizzle rose only 3.1 dB.' }],
  },
  findings: [{ code: 'pan_not_hot', score: 0.7 }],
};

const hotPan: PrincipleForCoaching = {
  slug: 'fried-rice-hot-pan',
  title: { ja: '鍋をしっかり熱する', en: 'Get the pan properly hot' },
  skill: { ja: '煙が出る直前まで鍋を熱してから油を入れる。', en: 'Heat the pan until it just smokes, then add oil.' },
  nextAction: { ja: '鍋を2分熱し、手をかざして熱を感じてから油を入れる。', en: 'Heat the pan for 2 minutes and feel the heat before adding oil.' },
  successSigns: { sound: { ja: 'ジュワッと大きな音', en: 'a loud sizzle' }, sight: { ja: 'ご飯が跳ねる', en: 'the rice jumps' } },
  addresses: ['pan_not_hot'],
};

describe('coaching text', () => {
  it('has the header and the four sections, with the principle that matches the diagnosis', () => {
    const content = composeCoachingText({ analysis, principles: [hotPan], past: [], learnerName: 'ゆい' });
    expect(coachingContentSchema.parse(content).principleSlug).toBe('fried-rice-hot-pan');
    const body = renderCoachingBody({ date: new Date('2026-11-24T03:00:00Z'), attemptNumber: 3, dish: { ja: 'チャーハン', en: 'Fried rice' } }, content, 'ja');
    const lines = body.split('\n');
    expect(lines[0]).toBe('📅 2026年11月24日 · チャーハン 3回目のセッション');
    for (const heading of ['🍳 今回の問題点', '🍳 3回目のセッションで身につけるべきスキル', '次回試すこと', '✅ 成功のサイン']) expect(lines).toContain(heading);
    expect(body).toContain('ゆいさん、具材を入れたとき');
    expect(body).toContain('3.1 dB');
    expect(body).toContain('・音：ジュワッと大きな音');
    expect(renderCoachingBody({ date: new Date('2026-11-24T03:00:00Z'), attemptNumber: 3, dish: { ja: 'チャーハン', en: 'Fried rice' } }, content, 'en').split('\n')[0]).toBe('📅 24 November 2026 · Session 3 of fried rice');
  });

  it('builds on the previous session when the same problem comes back', () => {
    const content = composeCoachingText({ analysis, principles: [hotPan], past: [{ attemptNumber: 2, summary: '…', diagnosisCode: 'pan_not_hot' }], learnerName: 'ゆい' });
    expect(content.problem.ja).toContain('前回（2回目）も同じところ');
  });
});

describe('narration script', () => {
  it('has Part 1, the diagnosis by name, the pivot line and Part 2 timed inside the clip ending on the rule', () => {
    const script = composeNarrationScript({
      learnerName: 'ゆい',
      attemptNumber: 3,
      dish: { ja: 'チャーハン', en: 'Fried rice' },
      corePrinciple: { title: hotPan.title, skill: hotPan.skill },
      focusPrinciple: { title: hotPan.title, nextAction: hotPan.nextAction },
      analysis,
      keyMoment: analysis.keyMoments[0]!,
    });
    expect(narrationScriptSchema.parse(script)).toBeTruthy();
    expect(script.pivot.ja).toBe('動画を使ってそのポイントを見てみましょう。');
    expect(script.diagnosis.ja).toMatch(/^ゆいさん、/);
    const offsets = script.part2.map((l) => l.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(Math.max(...offsets)).toBeLessThan(15);
    expect(script.part2.at(-1)!.cue).toBe('rule');
    expect(script.part2.some((l) => l.cue === 'sound' && l.text.ja.includes('ジュワッ'))).toBe(true);
  });
});

describe('narration spacing', () => {
  it('spaces Part 2 by how long each line takes to say and ends the rule inside the clip, even for a short clip', () => {
    for (const [start, end] of [[39, 54], [30, 38.5]] as const) {
      const script = composeNarrationScript({
        learnerName: 'ゆい',
        attemptNumber: 3,
        dish: { ja: 'チャーハン', en: 'Fried rice' },
        corePrinciple: { title: hotPan.title, skill: hotPan.skill },
        focusPrinciple: { title: hotPan.title, nextAction: hotPan.nextAction },
        analysis: { ...analysis, diagnosis: { ...analysis.diagnosis!, why: { ja: 'あ'.repeat(250), en: 'word '.repeat(120) } } },
        keyMoment: { ...analysis.keyMoments[0]!, start, end },
      });
      const lines = script.part2;
      for (let i = 1; i < lines.length; i++) expect(lines[i]!.offset).toBeGreaterThanOrEqual(lines[i - 1]!.offset + estimateSpeechSeconds(lines[i - 1]!.text) - 1e-9);
      const last = lines.at(-1)!;
      expect(last.cue).toBe('rule');
      expect(last.offset + estimateSpeechSeconds(last.text)).toBeLessThanOrEqual(end - start + 1e-9);
    }
  });
});
