import { useEffect, useRef, useSyncExternalStore } from 'react';
import { normalizeMessage } from '../api/endpoints';
import type { CookingSession, Message } from '../api/types';

/**
 * One Server-Sent Events stream (GET /api/events) for the whole signed-in app: new messages in any
 * of the cook's rooms and session status changes arrive without reloading. EventSource reconnects
 * by itself and resumes from the last event id; after a gap it could not bridge (`ready` with
 * resumed=false), listeners reload what they show.
 */
export type LiveMessage = Message & { roomId: string };

type Listener = {
  message?: (m: LiveMessage) => void;
  session?: (s: CookingSession) => void;
  /** The stream (re)started without resuming: reload whatever is on screen. */
  resync?: () => void;
};

export type LiveStatus = 'connecting' | 'live' | 'down';

const listeners = new Set<Listener>();
const statusListeners = new Set<() => void>();
let source: EventSource | null = null;
let status: LiveStatus = 'connecting';
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let users = 0;
let onUnauthorized: (() => void) | undefined;

function setStatus(next: LiveStatus) {
  if (status === next) return;
  status = next;
  statusListeners.forEach((l) => l());
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function open() {
  if (source || typeof EventSource === 'undefined') return;
  clearTimeout(retryTimer);
  const es = new EventSource('/api/events', { withCredentials: true });
  source = es;
  setStatus('connecting');
  es.addEventListener('ready', (e) => {
    setStatus('live');
    const data = parse((e as MessageEvent<string>).data) as { resumed?: boolean } | undefined;
    if (!data?.resumed) listeners.forEach((l) => l.resync?.());
  });
  es.addEventListener('message', (e) => {
    const m = parse((e as MessageEvent<string>).data) as LiveMessage | undefined;
    if (m && typeof m.id === 'string' && typeof m.roomId === 'string') {
      const message = { ...normalizeMessage(m), roomId: m.roomId };
      listeners.forEach((l) => l.message?.(message));
    }
  });
  es.addEventListener('session', (e) => {
    const s = parse((e as MessageEvent<string>).data) as CookingSession | undefined;
    if (s && typeof s.id === 'string') listeners.forEach((l) => l.session?.(s));
  });
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED) {
      // The server refused (401 after the session ended, 5xx): EventSource gives up; we try later.
      source = null;
      setStatus('down');
      void fetch('/api/auth/me', { credentials: 'include' })
        .then((r) => {
          if (r.status === 401) onUnauthorized?.();
        })
        .catch(() => undefined);
      if (users > 0) retryTimer = setTimeout(open, navigator.onLine ? 5000 : 15000);
    } else {
      setStatus('connecting');
    }
  };
}

function close() {
  clearTimeout(retryTimer);
  source?.close();
  source = null;
  setStatus('connecting');
}

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    if (users > 0 && !source) open();
  });
}

/** Keeps the stream open while the signed-in app is mounted. */
export function useLiveStream(unauthorized: () => void): void {
  useEffect(() => {
    onUnauthorized = unauthorized;
    users++;
    open();
    return () => {
      users--;
      if (users === 0) close();
    };
  }, [unauthorized]);
}

/** Subscribes to live events; the handlers may change on every render. */
export function useLiveEvents(handlers: Listener): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const listener: Listener = {
      message: (m) => ref.current.message?.(m),
      session: (s) => ref.current.session?.(s),
      resync: () => ref.current.resync?.(),
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
}

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(
    (cb) => {
      statusListeners.add(cb);
      return () => statusListeners.delete(cb);
    },
    () => status,
  );
}
