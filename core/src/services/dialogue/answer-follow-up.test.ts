import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../knowledge/load-knowledge';
import { answerFollowUp } from './answer-follow-up';
import { classifyIntent } from './classify-intent';
import type { DialogueContext, DialogueDish, DialoguePrinciple } from './dialogue-types';
import { extractEntities } from './extract-entities';
import { sampleSession } from './testing/sample-session';
import { principleFromFile } from './to-dialogue-principle';

let dishes: DialogueDish[];
let principles: DialoguePrinciple[];
beforeAll(async () => {
  const k = await loadKnowledge();
  dishes = k.dishes.map((d) => ({ slug: d.slug, name: d.name }));
  principles = k.principles.map(principleFromFile);
});

function ask(question: string, withSession = true): ReturnType<typeof answerFollowUp> {
  const dish = dishes.find((d) => d.slug === 'fried-rice')!;
  const ctx: DialogueContext = { question, learnerName: 'Aki', dishes, principles: principles.filter((p) => p.dishes.includes('fried-rice')), session: withSession ? sampleSession(dish, 'pan_not_hot') : null };
  return answerFollowUp(ctx);
}

describe('classifyIntent', () => {
  it.each([
    ['フライパンはどう動かせばいいですか？', 'technique'],
    ['Should I use a spatula for fried rice?', 'equipment'],
    ['火加減は強火ですか？', 'heat'],
    ['When should I add the rice?', 'timing'],
    ['Can I use brown rice instead?', 'ingredient'],
    ['0:04 で何が起きましたか？', 'my_video'],
    ['Is this right?', 'is_this_right'],
    ['おすすめの映画は？', 'other'],
  ])('%s → %s', (q, intent) => expect(classifyIntent(q).intent).toBe(intent));
});

describe('extractEntities', () => {
  it('finds the ingredient, the tool and a clock time', () => {
    const e = extractEntities('At 0:04 should the rice go in with a spatula?', []);
    expect(e.ingredients.map((i) => i.key)).toContain('rice');
    expect(e.tools.map((t) => t.key)).toContain('spatula');
    expect(e.time).toMatchObject({ seconds: 4 });
  });
  it('reads "when I added the rice" as the ingredient_added event, in both languages', () => {
    expect(extractEntities('What happened when I added the rice?', []).time?.eventType).toBe('ingredient_added');
    expect(extractEntities('ご飯を入れたとき、何が起きていましたか？', []).time?.eventType).toBe('ingredient_added');
  });
});

describe('answerFollowUp', () => {
  it('answers in the language of the question, not the same text for different questions', () => {
    const ja = ask('フライパンはどう動かせばいいですか？');
    const en = ask('Should I use a spatula or a ladle for fried rice?');
    expect(ja.answered && en.answered).toBe(true);
    expect(ja.lang).toBe('ja');
    expect(en.lang).toBe('en');
    expect(en.body).not.toMatch(/[\u3040-\u30ff]/);
    expect(ja.body).not.toBe(en.body);
    expect(ja.principleSlugs).toEqual(['fried-rice-press-and-toss']);
  });

  it('resolves "when I added the rice" against the session and points at the footage with the measured sizzle', () => {
    const r = ask('What happened when I added the rice?');
    expect(r.intent).toBe('my_video');
    expect(r.moment?.seconds).toBe(6);
    expect(r.body).toContain('0:06');
    expect(r.body).toMatch(/sizzle rose only 3\.7 dB/);
  });

  it('hands over, saying so plainly, when the time named is not in the video', () => {
    const r = ask('What happened at 5:40?');
    expect(r.answered).toBe(false);
    expect(r.handOverReason).toBe('moment_not_found');
    expect(r.body).toMatch(/coach will answer/);
  });

  it('hands food-safety and off-topic questions to a coach, in the question language', () => {
    const safety = ask('Is it safe to eat rice left out overnight?');
    expect(safety).toMatchObject({ answered: false, handOverReason: 'safety' });
    const off = ask('おすすめのワインは？');
    expect(off).toMatchObject({ answered: false, lang: 'ja' });
    expect(off.body).toContain('コーチが答えると');
  });

  it('does not answer about the video when there is no analysed session', () => {
    expect(ask('これで合っていますか？', false)).toMatchObject({ answered: false, handOverReason: 'no_session' });
  });

  it('hands over an ingredient question the principles never mention', () => {
    expect(ask('Can I use quinoa instead of rice?')).toMatchObject({ answered: false });
  });
});
