import { describe, expect, it } from 'vitest';
import { ANALYSIS, DISH, keyMomentAt, makeScript } from '../../video/testing/fixtures';
import { composeNarrationScript } from './narration-script';
import { applyReplacements, readInstructions, splitInstructions } from './script-instructions';

const PRINCIPLES = [
  { slug: 'preheat-the-pan', title: { ja: '鍋をしっかり熱してから油', en: 'Heat the pan before the oil' } },
  { slug: 'rice-in-batches', title: { ja: 'ご飯は少しずつ', en: 'Rice in batches' } },
];

function compose(style: Parameters<typeof composeNarrationScript>[0]['style']) {
  return composeNarrationScript({
    learnerName: 'あいこ',
    attemptNumber: 3,
    dish: DISH,
    corePrinciple: { title: PRINCIPLES[0]!.title, skill: { ja: '煙が少し立つまで鍋を熱します。油はそのあと。', en: 'Heat the pan until it just smokes. Oil comes after.' } },
    focusPrinciple: null,
    analysis: ANALYSIS,
    keyMoment: keyMomentAt(38, 53),
    style,
  });
}

describe('coach instructions for the offline drafter', () => {
  it('splits sentences but keeps quoted phrases whole', () => {
    expect(splitInstructions('音を強調して。「よし。」を「いいね！」に。Too long. Use 1.5 s.')).toEqual(['音を強調して', '「よし。」を「いいね！」に', 'Too long', 'Use 1.5 s']);
  });

  it('moves the emphasis to the sound: Part 2 opens with the sound cue', () => {
    const read = readInstructions('見た目より音をもっと強調してください。', PRINCIPLES);
    expect(read.style.emphasis).toBe('sound');
    expect(read.notApplied).toEqual([]);
    const before = compose(undefined);
    const after = compose(read.style);
    expect(before.part2[0]!.cue).toBe('sight');
    expect(after.part2[0]!.cue).toBe('sound');
    expect(after.part2.at(-1)!.cue).toBe('rule');
    expect(after.part2.map((l) => l.offset)).toEqual([...after.part2.map((l) => l.offset)].sort((a, b) => a - b));
  });

  it('focuses on the look when asked in English, shortens, and stops naming the cook', () => {
    const read = readInstructions("Focus on what the pan looks like. It's too long. Don't use her name.", PRINCIPLES);
    expect(read.style).toEqual({ emphasis: 'sight', concise: true, addressByName: false });
    const script = compose(read.style);
    expect(script.part2).toHaveLength(2);
    expect(JSON.stringify(script)).not.toContain('あいこ');
    expect(script.part1.principle.ja).not.toContain('油はそのあと');
  });

  it('rephrases quoted phrases it finds and reports the ones it cannot', () => {
    const read = readInstructions('「ジュッという音」を「ジュワッという音」に変えて。Replace "the sizzle" with "the hiss". 「存在しない」ではなく「何か」で。もっと楽しく。', PRINCIPLES);
    const { script, applied, notApplied } = applyReplacements(makeScript(), read.replacements);
    expect(JSON.stringify(script)).toContain('ジュワッという音');
    expect(JSON.stringify(script)).not.toContain('ジュッという音');
    expect(JSON.stringify(script)).toContain('the hiss');
    expect(applied.map((a) => a.kind)).toEqual(['replace', 'replace']);
    expect(notApplied).toEqual(['「存在しない」ではなく「何か」で']);
    expect(read.notApplied).toEqual(['もっと楽しく']);
  });

  it('focuses on a principle named in the instructions', () => {
    const read = readInstructions('ご飯は少しずつ の原則を軸にしてください', PRINCIPLES);
    expect(read.focusPrincipleSlug).toBe('rice-in-batches');
  });
});
