import type { Knex } from 'knex';
import type { DishFormOptions } from '../../contracts/dishes';
import { principleChoices } from '../../data/principles';

/** What the dish editor's pickers offer: the principles (for the core principle) and the finding codes. */
export async function dishFormOptions(knex: Knex, findingCodes: readonly string[]): Promise<DishFormOptions> {
  const principles = await principleChoices(knex);
  return {
    principles: principles.map((p) => ({ slug: p.slug, title: { ja: p.title_ja, en: p.title_en }, dishes: p.dishes, published: p.published })),
    findings: [...findingCodes],
  };
}
