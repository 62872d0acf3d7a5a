import type { Knex } from 'knex';
import type { PrincipleFormOptions } from '../../contracts/principles';
import { listDishes } from '../../data/dishes';

/** What the editor's pickers offer: the dishes (with names) and the analyzer's finding codes. */
export async function principleFormOptions(knex: Knex, findingCodes: readonly string[]): Promise<PrincipleFormOptions> {
  const dishes = await listDishes(knex);
  return { dishes: dishes.map((d) => ({ slug: d.slug, name: { ja: d.name_ja, en: d.name_en } })), findings: [...findingCodes] };
}
