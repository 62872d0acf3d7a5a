import { useMemo } from 'react';
import { useGetList } from 'react-admin';
import type { Person, ReviewDish, ReviewRow } from './types';

/**
 * The dishes and assignees that occur in the queue, for the filters: coaches cannot list users
 * (admin only) and /api/dishes is the learner app's, so the choices come from the items themselves.
 */
export const useQueueFacets = (): { dishes: ReviewDish[]; assignees: Person[] } => {
  const { data } = useGetList<ReviewRow>('reviews', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'createdAt', order: 'DESC' },
    filter: {},
  });
  return useMemo(() => {
    const dishes = new Map<string, ReviewDish>();
    const assignees = new Map<string, Person>();
    for (const row of data ?? []) {
      dishes.set(row.dish.id, row.dish);
      if (row.assignee) assignees.set(row.assignee.id, row.assignee);
    }
    return {
      dishes: [...dishes.values()].sort((a, b) => a.nameEn.localeCompare(b.nameEn)),
      assignees: [...assignees.values()].sort((a, b) => a.name.localeCompare(b.name)),
    };
  }, [data]);
};
