import type { Knex } from 'knex';
import type { PrincipleListRow } from '../../contracts/principles';
import type { ListPage, ListQuery } from '../../data/list-query';
import { pagePrinciples, type PrincipleFilter } from '../../data/principles';

export const EMBEDDING_STATUSES = ['pending', 'embedding', 'ready', 'failed'] as const;
export type { PrincipleFilter, PrincipleListRow };

// 'id' is react-admin's default sort.
export const PRINCIPLE_SORT_FIELDS = ['id', 'slug', 'title_ja', 'title_en', 'version', 'published', 'embedding_status', 'created_at', 'updated_at'] as const;

/** The knowledge base list: what the list page shows, never the texts (the editor loads the whole record). */
export async function listPrinciples(knex: Knex, list: ListQuery<PrincipleFilter>): Promise<ListPage<PrincipleListRow>> {
  const page = await pagePrinciples(knex, list);
  return { ...page, rows: page.rows.map((row) => ({ ...row, updated_at: new Date(row.updated_at).toISOString() })) };
}
