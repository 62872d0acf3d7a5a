import { describe, expect, it } from 'vitest';
import type { DataProvider, GetListParams } from 'react-admin';
import { withPartialPagination } from './partialPagination';

// What ra-data-simple-rest makes of "Content-Range: audit-log 0-49/*" (NaN) and of ".../812".
const base = (total: number, rows: number) => ({ getList: async () => ({ data: Array.from({ length: rows }, (_, id) => ({ id })), total }) }) as unknown as DataProvider;
const params = (page: number): GetListParams => ({ pagination: { page, perPage: 50 }, sort: { field: 'id', order: 'DESC' }, filter: {} });

describe('withPartialPagination', () => {
  it('turns a list the API did not count into previous/next page info', async () => {
    expect(await withPartialPagination(base(NaN, 50)).getList('audit-log', params(1))).toEqual({
      data: expect.any(Array),
      pageInfo: { hasNextPage: true, hasPreviousPage: false },
    });
    expect((await withPartialPagination(base(NaN, 50)).getList('audit-log', params(3))).pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true });
    // A page past the end of a list not counted: nothing follows.
    expect((await withPartialPagination(base(NaN, 0)).getList('audit-log', params(9))).pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });

  it('keeps a counted total as it is (the last page of the audit log, every other list)', async () => {
    expect(await withPartialPagination(base(812, 12)).getList('audit-log', params(17))).toEqual({ data: expect.any(Array), total: 812 });
  });
});
