import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../domain/findings';
import type { DishRubric } from '../../domain/rubric';
import { DISHES } from '../../seed/dishes';
import { KnowledgeValidationError, loadKnowledge, parseDishesFile, validateKnowledge, type Knowledge } from './load-knowledge';
import { KnowledgeFileError, splitBody } from './principle-file';
import { makePrinciple, principleFileText, validFrontMatter } from './testing/principle-fixture';

describe('the knowledge base in knowledge/', async () => {
  const knowledge = await loadKnowledge();

  it('has a rubric for exactly the seeded dishes, with their names', () => {
    expect(knowledge.dishes.map((d) => d.slug).sort()).toEqual(DISHES.map((d) => d.slug).sort());
    for (const dish of DISHES) {
      const rubric = knowledge.dishes.find((d) => d.slug === dish.slug);
      expect(rubric?.name).toEqual({ ja: dish.name_ja, en: dish.name_en });
    }
  });

  it('has at least 32 principles, each dish with at least two and exactly one core', () => {
    expect(knowledge.principles.length).toBeGreaterThanOrEqual(32);
    for (const dish of knowledge.dishes) {
      const own = knowledge.principles.filter((p) => p.dishes.includes(dish.slug));
      const dishSpecific = own.filter((p) => p.dishes.length === 1);
      expect(dishSpecific.length, dish.slug).toBeGreaterThanOrEqual(2);
      expect(own.filter((p) => p.core).map((p) => p.slug), dish.slug).toEqual([dish.corePrinciple]);
    }
  });

  it('addresses every finding a dish watches for with one of that dish’s principles', () => {
    for (const dish of knowledge.dishes) {
      for (const code of dish.watchFor) {
        const addressing = knowledge.principles.filter((p) => p.dishes.includes(dish.slug) && p.addresses.includes(code));
        expect(addressing.length, `${dish.slug} / ${code}`).toBeGreaterThan(0);
      }
    }
    // And every finding the analyzer can produce is explained somewhere.
    for (const code of FINDING_CODES) expect(knowledge.principles.some((p) => p.addresses.includes(code)), code).toBe(true);
  });

  it('keeps rubrics plausible for a chef', () => {
    const bySlug = new Map(knowledge.dishes.map((d) => [d.slug, d]));
    expect(bySlug.get('fried-rice')).toMatchObject({ motion: 'constant', sizzleExpected: true });
    expect(bySlug.get('seared-meat')).toMatchObject({ motion: 'still', sizzleExpected: true });
    expect(bySlug.get('rice')?.sizzleExpected).toBe(false);
    expect(bySlug.get('miso-soup')?.sizzleExpected).toBe(false);
    for (const dish of knowledge.dishes) {
      expect(new Set(dish.watchFor).size, dish.slug).toBe(dish.watchFor.length);
      expect(dish.expectedSeconds[0], dish.slug).toBeGreaterThanOrEqual(30);
      expect(dish.expectedSeconds[1], dish.slug).toBeLessThanOrEqual(3600);
    }
  });

  it('writes every body as a practical Japanese section then an English one of 120–300 words in all', () => {
    for (const principle of knowledge.principles) {
      const { ja, en } = splitBody(principle.body);
      const jaChars = ja.replace(/\s/g, '').length;
      const enWords = (en ?? '').split(/\s+/).filter(Boolean).length;
      // Japanese has no spaces: ~2.5 characters make a word's worth of content.
      const words = Math.round(jaChars / 2.5) + enWords;
      expect(words, principle.slug).toBeGreaterThanOrEqual(120);
      expect(words, principle.slug).toBeLessThanOrEqual(300);
      expect(jaChars, principle.slug).toBeGreaterThan(150);
      expect(enWords, principle.slug).toBeGreaterThan(60);
      expect(/[0-9０-９]/.test(principle.body), `${principle.slug} gives no numbers`).toBe(true);
    }
  });

  it('has unique titles and a symptom and a success sign for more than one sense across the base', () => {
    const titles = knowledge.principles.map((p) => p.title.ja);
    expect(new Set(titles).size).toBe(titles.length);
    for (const principle of knowledge.principles) {
      expect(principle.symptoms.length, principle.slug).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('validateKnowledge', () => {
  const rubric = (overrides: Partial<DishRubric> = {}): DishRubric => ({
    slug: 'fried-rice',
    name: { ja: 'チャーハン', en: 'Fried rice' },
    expectedSeconds: [120, 420],
    motion: 'constant',
    sizzleExpected: true,
    corePrinciple: 'core-one',
    watchFor: ['pan_not_hot'],
    ...overrides,
  });
  const problems = (knowledge: Knowledge): string[] => {
    try {
      validateKnowledge(knowledge);
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeValidationError);
      return (error as KnowledgeValidationError).problems;
    }
    return [];
  };

  it('accepts a consistent base', () => {
    expect(problems({ dishes: [rubric()], principles: [makePrinciple('core-one', { core: true })] })).toEqual([]);
  });

  it('reports a missing core principle and an uncovered finding', () => {
    const found = problems({ dishes: [rubric({ watchFor: ['pan_not_hot', 'scorch_risk'] })], principles: [makePrinciple('other')] });
    expect(found).toEqual([
      'fried-rice: corePrinciple "core-one" has no file principles/core-one.md',
      'fried-rice: watches for "scorch_risk" but none of its principles addresses it',
    ]);
  });

  it('reports a core principle that does not list the dish or is not core: true', () => {
    expect(problems({ dishes: [rubric()], principles: [makePrinciple('core-one', { dishes: ['omelette'] })] })).toEqual(
      expect.arrayContaining([
        'fried-rice: corePrinciple "core-one" does not list "fried-rice" in its dishes',
        'fried-rice: corePrinciple "core-one" must have core: true',
        'core-one.md: dish "omelette" is not in dishes.yaml',
      ]),
    );
  });

  it('reports a second core principle for a dish, a stray core and duplicate slugs', () => {
    const found = problems({
      dishes: [rubric()],
      principles: [
        makePrinciple('core-one', { core: true }),
        makePrinciple('core-two', { core: true }),
        makePrinciple('core-one', { core: true, fileName: 'copy.md' }),
      ],
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'principle slug "core-one" is used by both core-one.md and copy.md',
        'fried-rice: only its corePrinciple "core-one" may be core: true among its principles, but so are: core-two',
        'core-two.md: core: true, but no dish names it as corePrinciple',
      ]),
    );
  });
});

describe('loadKnowledge from another folder', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));
  async function folder(dishesYaml: string, files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ajimi-knowledge-'));
    dirs.push(dir);
    await mkdir(path.join(dir, 'principles'));
    await writeFile(path.join(dir, 'dishes.yaml'), dishesYaml);
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, 'principles', name), text);
    return dir;
  }
  const dishesYaml = `- slug: fried-rice
  name: { ja: チャーハン, en: Fried rice }
  expectedSeconds: [120, 420]
  motion: constant
  sizzleExpected: true
  corePrinciple: core-one
  watchFor: [pan_not_hot]
`;

  it('reads dishes.yaml and the principle files, ignoring other files', async () => {
    const dir = await folder(dishesYaml, {
      'core-one.md': principleFileText({ ...validFrontMatter('core-one'), core: true }),
      'README.txt': 'not a principle',
    });
    const knowledge = await loadKnowledge({ dir });
    expect(knowledge.dishes.map((d) => d.slug)).toEqual(['fried-rice']);
    expect(knowledge.principles.map((p) => p.fileName)).toEqual(['core-one.md']);
  });

  it('names the file for a principle that lists a dish missing from dishes.yaml', async () => {
    const dir = await folder(dishesYaml, {
      'core-one.md': principleFileText({ ...validFrontMatter('core-one'), core: true, dishes: ['fried-rice', 'ramen'] }),
    });
    await expect(loadKnowledge({ dir })).rejects.toThrow('core-one.md (dishes[1]): unknown dish slug "ramen"');
  });
});

describe('parseDishesFile', () => {
  it('names the entry and field of a bad rubric', () => {
    expect(() => parseDishesFile('- slug: fried-rice\n  name: { ja: チャーハン, en: Fried rice }\n')).toThrow(
      'dishes.yaml ([0] fried-rice.expectedSeconds): is required',
    );
    expect(() => parseDishesFile('slug: fried-rice\n')).toThrow(KnowledgeFileError);
    expect(() => parseDishesFile('- [unclosed\n')).toThrow(/dishes\.yaml: invalid YAML/);
  });

  it('rejects a motion outside the vocabulary, an inverted range and a duplicate slug', () => {
    const entry = (slug: string, extra = '') =>
      `- slug: ${slug}\n  name: { ja: 料理, en: Dish }\n  expectedSeconds: [60, 120]\n  motion: constant\n  sizzleExpected: true\n  corePrinciple: x\n  watchFor: [pan_not_hot]\n${extra}`;
    expect(() => parseDishesFile(entry('a').replace('constant', 'wobbly'))).toThrow(/\(\[0\] a\.motion\)/);
    expect(() => parseDishesFile(entry('a').replace('[60, 120]', '[120, 60]'))).toThrow(/must be \[min, max\]/);
    expect(() => parseDishesFile(entry('a') + entry('a'))).toThrow('"a" is listed twice');
    expect(() => parseDishesFile(entry('a', '  colour: red\n'))).toThrow(/colour/);
  });
});
