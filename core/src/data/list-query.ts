import type { Knex } from 'knex';
import { PREPARED } from '../db/knex';

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

/**
 * A page of a list too long to count on every request: the total is known only when this page
 * reaches the end (null: more rows follow, or a page past the end of a list not counted).
 */
export interface PartialListPage<T> {
  rows: T[];
  total: number | null;
  start: number;
}

type PageRow = Record<string, unknown> & { __total: number | string; __n?: number | null };

/**
 * Counts and pages a filtered query in one place, so every console list behaves the same.
 * Count and page travel as ONE statement: on the embedded database every statement is a round
 * trip through its single connection, which all concurrent requests queue for. The count rides on
 * each row of the page as an uncorrelated subquery (computed once); only an empty page asks for it
 * alone. With `detail`, the page keeps its order through its row number (a page past the end is the
 * count's row alone, __n null).
 */
export async function pageOf<T>(
  query: Knex.QueryBuilder,
  list: ListQuery<unknown>,
  select: string[],
  /** Completes the page's rows (columns not filtered or sorted on, computed for the page only); keeps their order. */
  detail?: (page: Knex.QueryBuilder) => Knex.QueryBuilder,
): Promise<ListPage<T>> {
  const count = query.clone().clearSelect().clearOrder().count({ __total: '*' });
  const page = orderedSlice(query, list, select, list.range.end - list.range.start + 1);
  const start = list.range.start;
  if (!detail) {
    // The page's own ORDER BY is the statement's: no wrapper, window or re-sort to plan and run
    // (on the cooks list this halved the statement's database time).
    const rows = (await page.select(query.client.raw('? as __total', [count]))) as PageRow[];
    if (rows.length === 0) return { rows: [], total: Number((await count.first().options(PREPARED))?.__total ?? 0), start };
    return { rows: rows.map(({ __total: _total, ...row }) => row as T), total: Number(rows[0]!.__total), start };
  }
  const result = (await query.client.raw('select t.__total, p.* from ? t left join lateral (select row_number() over () as __n, r.* from ? r) p on true order by p.__n', [count, detail(page)]).options(PREPARED)) as {
    rows: PageRow[];
  };
  const rows = result.rows.filter((r) => r.__n !== null).map(({ __total: _total, __n: _n, ...row }) => row as T);
  return { rows, total: Number(result.rows[0]?.__total ?? 0), start };
}

/**
 * The rows of the range in the list's order (ties by id), at most `limit` of them, as a prepared
 * statement: Postgres plans each list's shape (its filters and sort) once per session, not on every
 * request. Offset and limit are bindings, so every page of a list shares its statement.
 */
function orderedSlice(query: Knex.QueryBuilder, list: ListQuery<unknown>, select: string[], limit: number): Knex.QueryBuilder {
  return query.clone().select(select).orderBy(list.sort.field, list.sort.order).orderBy('id', 'asc').offset(list.range.start).limit(limit).options(PREPARED);
}

/**
 * Pages a list without counting it (react-admin's partial pagination): one row more than the page
 * says whether another page follows, so the cost is the page's, not the whole list's.
 */
export async function partialPageOf<T>(query: Knex.QueryBuilder, list: ListQuery<unknown>, select: string[]): Promise<PartialListPage<T>> {
  const size = list.range.end - list.range.start + 1;
  const rows = (await orderedSlice(query, list, select, size + 1)) as T[];
  const reachesEnd = rows.length <= size && (rows.length > 0 || list.range.start === 0);
  return { rows: rows.slice(0, size), total: reachesEnd ? list.range.start + rows.length : null, start: list.range.start };
}
