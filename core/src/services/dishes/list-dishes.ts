import type { Knex } from 'knex';
import type { DishRecord } from '../../contracts/dishes';
import { pageDishes, type DishFilter } from '../../data/dishes';
import type { ListPage, ListQuery } from '../../data/list-query';
import { toDishRecord, type KnowledgeRubrics } from './dish-record';

export type { DishFilter };
// 'id' is react-admin's default sort.
export const DISH_SORT_FIELDS = ['id', 'slug', 'name_ja', 'name_en', 'version', 'updated_at'] as const;

export async function listDishes(knex: Knex, knowledge: KnowledgeRubrics, list: ListQuery<DishFilter>): Promise<ListPage<DishRecord>> {
  const page = await pageDishes(knex, list);
  return { ...page, rows: page.rows.map((row) => toDishRecord(row, knowledge)) };
}
