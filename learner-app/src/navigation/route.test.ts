import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash, type Route } from './route';

describe('hash routes', () => {
  it('parses every screen, including the message a push notification points at', () => {
    expect(parseHash('')).toEqual({ name: 'rooms' });
    expect(parseHash('#/')).toEqual({ name: 'rooms' });
    expect(parseHash('#/rooms/r1')).toEqual({ name: 'room', roomId: 'r1' });
    expect(parseHash('#/rooms/r1?message=m9')).toEqual({ name: 'room', roomId: 'r1', messageId: 'm9' });
    expect(parseHash('#/new')).toEqual({ name: 'newSession' });
    expect(parseHash('#/new?dish=fried-rice')).toEqual({ name: 'newSession', dish: 'fried-rice' });
    expect(parseHash('#/dishes/gyoza')).toEqual({ name: 'dish', slug: 'gyoza' });
    expect(parseHash('#/profile')).toEqual({ name: 'profile' });
    expect(parseHash('#/rooms/%E0%A4%A')).toEqual({ name: 'rooms' }); // a broken escape
    expect(parseHash('#/elsewhere')).toEqual({ name: 'rooms' });
  });

  it('round-trips', () => {
    const routes: Route[] = [
      { name: 'rooms' },
      { name: 'room', roomId: 'a b' },
      { name: 'room', roomId: 'r', messageId: 'm&x' },
      { name: 'newSession', dish: 'fried-rice' },
      { name: 'dish', slug: 'miso-soup' },
      { name: 'profile' },
    ];
    for (const route of routes) expect(parseHash(hrefFor(route))).toEqual(route);
  });
});
