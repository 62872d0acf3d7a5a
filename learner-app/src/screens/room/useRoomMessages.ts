import { useCallback, useEffect, useMemo, useState } from 'react';
import { fetchRoomMessages } from '../../api/endpoints';
import type { Message } from '../../api/types';
import type { ResourceState } from '../../hooks/useResource';
import { useResource } from '../../hooks/useResource';
import { useLiveEvents, type LiveMessage } from '../../live/eventStream';

/** Merges messages by id, oldest first (the live stream may deliver one the list already has). */
export function mergeMessages(...lists: Message[][]): Message[] {
  const byId = new Map<string, Message>();
  for (const list of lists) for (const m of list) byId.set(m.id, { ...byId.get(m.id), ...m });
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** A room's messages: loaded once, then kept current by the live stream. */
export function useRoomMessages(roomId: string, onUnauthorized: () => void): ResourceState<Message[]> & { add: (m: Message) => void } {
  const resource = useResource((signal) => fetchRoomMessages(roomId, signal), [roomId], { onUnauthorized });
  const [extra, setExtra] = useState<Message[]>([]);
  const { reload } = resource;
  useEffect(() => {
    setExtra([]);
  }, [resource.data]);
  useLiveEvents({
    message: useCallback(
      (m: LiveMessage) => {
        if (m.roomId !== roomId) return;
        // A coach corrected a card already on screen: load the room again to show the new text.
        if (typeof m.payload?.correctionOf === 'string') reload();
        else setExtra((e) => [...e, m]);
      },
      [roomId, reload],
    ),
    resync: reload,
  });
  const add = useCallback((m: Message) => setExtra((e) => [...e, m]), []);
  const data = useMemo(() => (resource.data ? mergeMessages(resource.data, extra) : undefined), [resource.data, extra]);
  return { ...resource, data, add };
}
