import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router: `#/` is the room list, `#/rooms/<id>[?message=<id>]` a room (optionally
 * scrolled to one message: push notifications link there), `#/new[?dish=<slug>]` a new session,
 * `#/dishes/<slug>` a dish's history, `#/profile` the cook's profile. Hash URLs keep deep links
 * working offline with the service worker and need no server routes.
 */
export type Route =
  | { name: 'rooms' }
  | { name: 'room'; roomId: string; messageId?: string }
  | { name: 'newSession'; dish?: string }
  | { name: 'dish'; slug: string }
  | { name: 'profile' };

const NAVIGATE_EVENT = 'ajimi:navigate';

function decode(part: string | undefined): string | undefined {
  if (!part) return undefined;
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const query = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  const room = /^\/rooms\/([^/?#]+)\/?$/.exec(path);
  if (room) {
    const roomId = decode(room[1]);
    if (!roomId) return { name: 'rooms' };
    const messageId = query.get('message') ?? undefined;
    return messageId ? { name: 'room', roomId, messageId } : { name: 'room', roomId };
  }
  if (/^\/new\/?$/.test(path)) {
    const dish = query.get('dish') ?? undefined;
    return dish ? { name: 'newSession', dish } : { name: 'newSession' };
  }
  const dish = /^\/dishes\/([^/?#]+)\/?$/.exec(path);
  if (dish) {
    const slug = decode(dish[1]);
    return slug ? { name: 'dish', slug } : { name: 'rooms' };
  }
  if (/^\/profile\/?$/.test(path)) return { name: 'profile' };
  return { name: 'rooms' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'rooms':
      return '#/';
    case 'room':
      return `#/rooms/${encodeURIComponent(route.roomId)}${route.messageId ? `?message=${encodeURIComponent(route.messageId)}` : ''}`;
    case 'newSession':
      return route.dish ? `#/new?dish=${encodeURIComponent(route.dish)}` : '#/new';
    case 'dish':
      return `#/dishes/${encodeURIComponent(route.slug)}`;
    case 'profile':
      return '#/profile';
  }
}

let previousRoute: Route | undefined;
let currentHash = typeof location === 'undefined' ? '' : location.hash;

function subscribe(onChange: () => void): () => void {
  const handler = () => {
    if (location.hash !== currentHash) {
      previousRoute = parseHash(currentHash);
      currentHash = location.hash;
    }
    onChange();
  };
  window.addEventListener('hashchange', handler);
  window.addEventListener(NAVIGATE_EVENT, handler);
  return () => {
    window.removeEventListener('hashchange', handler);
    window.removeEventListener(NAVIGATE_EVENT, handler);
  };
}

function getSnapshot(): string {
  return location.hash;
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getSnapshot);
  return parseHash(hash);
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = hrefFor(route);
  if (options.replace) {
    history.replaceState(history.state, '', href);
  } else {
    history.pushState(null, '', href);
  }
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Back to the room list: pops history when we came from it, so the OS back gesture stays sane. */
export function goBackToRooms(): void {
  if (previousRoute?.name === 'rooms') {
    history.back();
  } else {
    navigate({ name: 'rooms' }, { replace: true });
  }
}
