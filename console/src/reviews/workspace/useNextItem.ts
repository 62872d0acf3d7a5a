import { useCallback } from 'react';
import { useDataProvider, useGetIdentity, useNotify, useRedirect } from 'react-admin';
import { OPEN_STATUSES, type ReviewRow } from '../types';
import { pickNextItem } from './nextItem';

/** How many open items are read to find the next free one (items held by others are skipped). */
const LOOK_AHEAD = 50;

/**
 * "… and next": opens the next open item (its workspace claims it on load); with none left,
 * returns to the queue and says it is empty.
 */
export const useNextItem = (currentId: string) => {
  const dataProvider = useDataProvider();
  const redirect = useRedirect();
  const notify = useNotify();
  const { identity } = useGetIdentity();
  const myId = identity?.id === undefined ? null : String(identity.id);
  return useCallback(async () => {
    const { data } = await dataProvider.getList<ReviewRow>('reviews', {
      filter: { status: OPEN_STATUSES },
      sort: { field: 'createdAt', order: 'ASC' },
      pagination: { page: 1, perPage: LOOK_AHEAD },
    });
    const next = pickNextItem(data, currentId, myId, Date.now());
    if (next) {
      redirect('edit', 'reviews', next.id);
      return;
    }
    notify('ajimi.reviews.next.queue_empty', { type: 'info' });
    redirect('list', 'reviews');
  }, [dataProvider, redirect, notify, currentId, myId]);
};
