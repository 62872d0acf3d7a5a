import type { Knex } from 'knex';
import type { PrincipleListRow } from '../../contracts/principles';
import type { ListPage, ListQuery } from '../../data/list-query';
import { pagePrinciples, type PrincipleFilter } from '../../data/principles';

export const EMBEDDING_STATUSES = ['pending', 'embedding', 'ready', 'failed'] as const;
export type { PrincipleFilter, PrincipleListRow };

// 'id' is react-admin's default sort.
export const PRINCIPLE_SORT_FIELDS = ['id', 'slug', 'title_ja', 'title_en', 'version', 'published', 'embedding_status', 'created_at', 'updated_at'] as const;

const iso = (v: unknown) => new Date(v as string).toISOString();

/** The knowledge base list: live content without the bodies, and whether a draft waits. */
export async function listPrinciples(knex: Knex, list: ListQuery<PrincipleFilter>): Promise<ListPage<PrincipleListRow>> {
  const page = await pagePrinciples(knex, list);
  return {
    ...page,
    rows: page.rows.map((row) => ({
      ...(row as unknown as PrincipleListRow),
      created_at: iso(row.created_at),
      updated_at: iso(row.updated_at),
      draft_updated_at: row.draft_updated_at ? iso(row.draft_updated_at) : null,
      has_draft: Boolean(row.has_draft),
      chunk_count: (row.chunk_count as number) ?? 0,
      embedding_model: (row.embedding_model as string | null) ?? null,
      updated_by_name: (row.updated_by_name as string | null) ?? null,
      draft_updated_by_name: (row.draft_updated_by_name as string | null) ?? null,
    })),
  };
}
