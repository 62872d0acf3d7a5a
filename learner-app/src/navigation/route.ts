import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router: `#/` is the room list, `#/rooms/<id>` a room. Hash URLs keep deep links
 * working offline with the service worker and need no server routes.
 */
export type Route = { name: 'rooms' } | { name: 'room'; roomId: string };

const NAVIGATE_EVENT = 'ajimi:navigate';

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const match = /^\/rooms\/([^/?#]+)\/?$/.exec(path);
  if (match?.[1]) {
    try {
      return { name: 'room', roomId: decodeURIComponent(match[1]) };
    } catch {
      return { name: 'rooms' };
    }
  }
  return { name: 'rooms' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'rooms':
      return '#/';
    case 'room':
      return `#/rooms/${encodeURIComponent(route.roomId)}`;
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
