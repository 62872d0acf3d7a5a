import { describe, expect, it } from 'vitest';
import { BODY_CHUNK_MAX_CHARS, chunkPrinciple, groupParagraphs } from './chunk-principle';
import { toPrincipleFields } from './import-knowledge';
import { loadKnowledge } from './load-knowledge';
import { makePrinciple } from './testing/principle-fixture';

describe('chunkPrinciple', () => {
  it('makes an overview chunk, an action chunk and body chunks, each titled, Japanese first', () => {
    const chunks = chunkPrinciple(toPrincipleFields(makePrinciple('sample')));
    expect(chunks).toHaveLength(4);
    for (const chunk of chunks) expect(chunk.startsWith('【テストの原則 / A test principle】\n')).toBe(true);

    const [overview, action, ja, en] = chunks as [string, string, string, string];
    expect(overview).toContain('身につけるスキル: 鍋を熱してから入れられるようになる。');
    expect(overview).toContain('- (音) 音がしない。');
    expect(overview).toContain('なぜ: 冷たい鍋では蒸れるからです。');
    expect(overview).toContain('Why: A cold pan steams the food.');
    expect(overview.indexOf('なぜ')).toBeLessThan(overview.indexOf('Skill:'));
    expect(action).toContain('次回試すこと: 油が揺らぐまで待ちましょう。');
    expect(action).toContain('- (見た目) 油が揺らぐ。');
    expect(action).toContain('- (sound) It sizzles.');
    expect(ja).toContain('日本語の本文です。\n\n二段落目です。');
    expect(ja).not.toContain('English');
    expect(en).toContain('The English body.');
  });

  it('lists success signs in sight, sound, texture order whatever the input order', () => {
    const principle = makePrinciple('sample', {
      success_signs: { texture: { ja: '軽い', en: 'Light' }, sight: { ja: '金色', en: 'Golden' } },
    });
    const action = chunkPrinciple(toPrincipleFields(principle))[1]!;
    expect(action.indexOf('金色')).toBeLessThan(action.indexOf('軽い'));
  });

  it('copes with a console-written body that has no English section', () => {
    const chunks = chunkPrinciple({ ...toPrincipleFields(makePrinciple('sample')), body_md: '日本語だけの本文。' });
    expect(chunks).toHaveLength(3);
    expect(chunks[2]).toContain('日本語だけの本文。');
  });

  it('is deterministic and gives non-empty, bounded chunks for every real principle', async () => {
    const { principles } = await loadKnowledge();
    for (const principle of principles) {
      const first = chunkPrinciple(toPrincipleFields(principle));
      expect(chunkPrinciple(toPrincipleFields(structuredClone(principle)))).toEqual(first);
      expect(first.length, principle.slug).toBeGreaterThanOrEqual(4);
      const title = `【${principle.title.ja} / ${principle.title.en}】`;
      for (const chunk of first) {
        expect(chunk.startsWith(title)).toBe(true);
        expect(chunk.length - title.length, principle.slug).toBeGreaterThan(40);
      }
      for (const chunk of first.slice(2)) expect(chunk.length - title.length - 1, principle.slug).toBeLessThanOrEqual(BODY_CHUNK_MAX_CHARS);
    }
  });
});

describe('groupParagraphs', () => {
  const para = (n: number, ch = 'あ') => ch.repeat(n);

  it('packs short paragraphs together and keeps paragraph order', () => {
    expect(groupParagraphs(`${para(100, 'a')}\n\n${para(100, 'b')}\n\n${para(100, 'c')}`)).toEqual([
      `${para(100, 'a')}\n\n${para(100, 'b')}\n\n${para(100, 'c')}`,
    ]);
  });

  it('balances the groups instead of leaving a short leftover', () => {
    const groups = groupParagraphs([para(300, 'a'), para(250, 'b'), para(300, 'c')].join('\n\n'));
    expect(groups).toHaveLength(2);
    for (const group of groups) expect(group.length).toBeGreaterThanOrEqual(250);
    expect(Math.max(...groups.map((g) => g.length))).toBeLessThanOrEqual(BODY_CHUNK_MAX_CHARS);
  });

  it('splits an over-long paragraph at sentence ends', () => {
    const sentence = `${para(99)}。`;
    const groups = groupParagraphs(sentence.repeat(13));
    expect(groups.length).toBeGreaterThanOrEqual(3);
    for (const group of groups) {
      expect(group.length).toBeLessThanOrEqual(BODY_CHUNK_MAX_CHARS);
      expect(group.endsWith('。')).toBe(true);
    }
    expect(groups.join('').replace(/\s/g, '')).toBe(sentence.repeat(13));
  });

  it('returns nothing for empty text', () => {
    expect(groupParagraphs('  \n\n ')).toEqual([]);
  });
});
