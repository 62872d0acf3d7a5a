import type { Knex } from 'knex';

/** A console list request after the API parsed it: already whitelisted, never raw user input. */
export interface ListQuery<F> {
  filter: F;
  sort: { field: string; order: 'asc' | 'desc' };
  range: { start: number; end: number }; // inclusive, as react-admin sends it
}

export interface ListPage<T> {
  rows: T[];
  total: number;
  start: number;
}

/** Counts and pages a filtered query in one place, so every console list behaves the same. */
export async function pageOf<T>(query: Knex.QueryBuilder, list: ListQuery<unknown>, select: string[]): Promise<ListPage<T>> {
  const [counted] = await query.clone().clearSelect().clearOrder().count<{ count: number }[]>({ count: '*' });
  const rows = await query
    .clone()
    .select(select)
    .orderBy(list.sort.field, list.sort.order)
    .orderBy('id', 'asc')
    .offset(list.range.start)
    .limit(list.range.end - list.range.start + 1);
  return { rows: rows as T[], total: Number(counted?.count ?? 0), start: list.range.start };
}
