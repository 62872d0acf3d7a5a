import { useCallback, useEffect, useState } from 'react';
import { fetchSessions } from '../api/endpoints';
import type { CookingSession } from '../api/types';
import { useResource, type ResourceState } from '../hooks/useResource';
import { useLiveEvents } from '../live/eventStream';

/** The cook's sessions, kept current by the live event stream (status changes without reloading). */
export function useSessions(onUnauthorized: () => void): ResourceState<CookingSession[]> {
  const resource = useResource(fetchSessions, [], { onUnauthorized });
  const [updates, setUpdates] = useState<Record<string, CookingSession>>({});
  const { reload } = resource;
  // A fresh list supersedes the updates heard before it.
  useEffect(() => {
    setUpdates({});
  }, [resource.data]);
  useLiveEvents({
    session: useCallback((s: CookingSession) => setUpdates((u) => ({ ...u, [s.id]: s })), []),
    resync: reload,
  });
  const data = resource.data ? mergeSessions(resource.data, updates) : undefined;
  return { ...resource, data };
}

export function mergeSessions(base: CookingSession[], updates: Record<string, CookingSession>): CookingSession[] {
  const byId = new Map(base.map((s) => [s.id, s]));
  for (const u of Object.values(updates)) {
    const old = byId.get(u.id);
    // A live update has no poster; keep the one the list had.
    byId.set(u.id, { ...old, ...u, posterUrl: u.posterUrl ?? old?.posterUrl ?? null });
  }
  return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
