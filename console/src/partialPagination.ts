import type { DataProvider, GetListResult } from 'react-admin';

/**
 * React-admin's partial pagination for lists the API does not count (the audit log): it answers
 * "Content-Range: res 0-49/*", which ra-data-simple-rest reads as a total of NaN. Such a page says
 * "more rows follow" when it has rows (the API sends the exact total on the page that reaches the
 * end), so the list offers previous/next instead of page numbers.
 * https://marmelab.com/react-admin/DataProviderWriting.html#partial-pagination
 */
export function withPartialPagination(provider: DataProvider): DataProvider {
  const partial = (result: GetListResult, page: number): GetListResult =>
    Number.isNaN(result.total) ? { data: result.data, pageInfo: { hasNextPage: result.data.length > 0, hasPreviousPage: page > 1 } } : result;
  return {
    ...provider,
    getList: async (resource, params) => partial(await provider.getList(resource, params), params.pagination?.page ?? 1),
    getManyReference: async (resource, params) => partial(await provider.getManyReference(resource, params), params.pagination?.page ?? 1),
  };
}
