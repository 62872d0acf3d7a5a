import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setConsoleClerk, type ConsoleClerk } from './auth/clerkSession';
import { AUTH_ERRORS, authProvider, resetAuthCacheForTests } from './authProvider';

type Handler = (url: string, init: RequestInit) => Response;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const user = (role: string) => ({
  user: { id: 'a1b2', email: `${role}@ajimi.local`, name: `Test ${role}`, role, locale: 'ja' },
});

let calls: { url: string; init: RequestInit }[];

const mockFetch = (handler: Handler) => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      calls.push({ url, init });
      return handler(url, init);
    }),
  );
};

beforeEach(() => {
  calls = [];
  resetAuthCacheForTests();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('authProvider.login', () => {
  it('posts {email, password} with the cookie and caches the staff user', async () => {
    mockFetch(url => (url === '/api/auth/login' ? json(200, user('coach')) : json(500, {})));
    await authProvider.login({ username: ' coach@ajimi.local ', password: 'correct horse battery' });

    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.credentials).toBe('include');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      email: 'coach@ajimi.local',
      password: 'correct horse battery',
    });
    // Cached: no /me request needed afterwards.
    await expect(authProvider.checkAuth({})).resolves.toBeUndefined();
    await expect(authProvider.getPermissions({})).resolves.toBe('coach');
    await expect(authProvider.getIdentity()).resolves.toMatchObject({ id: 'a1b2', fullName: 'Test coach' });
    expect(calls).toHaveLength(1);
  });

  it("shows words for the API's error code on 401 and 429, never its English text or request id", async () => {
    mockFetch(() =>
      json(401, { error: { code: 'invalid_credentials', message: 'Wrong email or password' }, requestId: 'r1' }),
    );
    await expect(authProvider.login({ username: 'x@y.z', password: 'nope' })).rejects.toThrow(
      /^ajimi\.errors\.invalid_credentials$/,
    );

    mockFetch(() => json(429, { error: { code: 'rate_limited', message: 'Slow down' }, requestId: 'r2' }));
    await expect(authProvider.login({ username: 'x@y.z', password: 'nope' })).rejects.toThrow(/^ajimi\.errors\.rate_limited$/);

    mockFetch(() => json(401, { error: { code: 'some_new_code', message: 'Internal detail' }, requestId: 'r3' }));
    await expect(authProvider.login({ username: 'x@y.z', password: 'nope' })).rejects.toThrow(AUTH_ERRORS.signInFailed);

    mockFetch(() => new Response('Too Many Requests', { status: 429 }));
    await expect(authProvider.login({ username: 'x@y.z', password: 'nope' })).rejects.toThrow(
      AUTH_ERRORS.rateLimited,
    );
  });

  it('refuses a learner and logs them out', async () => {
    mockFetch(url => (url === '/api/auth/login' ? json(200, user('learner')) : new Response(null, { status: 204 })));
    await expect(authProvider.login({ username: 'learner@ajimi.local', password: 'x'.repeat(12) })).rejects.toThrow(
      AUTH_ERRORS.learnerRefused,
    );
    expect(calls.map(call => `${call.init.method ?? 'GET'} ${call.url}`)).toEqual([
      'POST /api/auth/login',
      'POST /api/auth/logout',
    ]);
  });

  it('reports a network failure with a translated message', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(authProvider.login({ username: 'a@b.c', password: 'p' })).rejects.toThrow(AUTH_ERRORS.network);
  });
});

describe('authProvider.checkAuth', () => {
  it('asks /api/auth/me once and caches the user', async () => {
    mockFetch(() => json(200, user('admin')));
    await authProvider.checkAuth({});
    await authProvider.checkAuth({});
    await expect(authProvider.getPermissions({})).resolves.toBe('admin');
    expect(calls.map(call => call.url)).toEqual(['/api/auth/me']);
  });

  it('rejects quietly without a session', async () => {
    mockFetch(() => json(401, { error: { code: 'unauthenticated', message: 'Sign in' } }));
    await expect(authProvider.checkAuth({})).rejects.toEqual({ message: false });
    await expect(authProvider.getPermissions({})).resolves.toBeNull();
  });

  it('rejects a learner session, and logging out keeps their learner-app session', async () => {
    mockFetch(() => json(200, user('learner')));
    await expect(authProvider.checkAuth({})).rejects.toEqual({ message: AUTH_ERRORS.learnerRefused });
    await authProvider.logout({});
    expect(calls.map(call => call.url)).toEqual(['/api/auth/me']);
  });
});

describe('authProvider.checkError and logout', () => {
  it('logs out on 401 only', async () => {
    await expect(authProvider.checkError({ status: 403 })).resolves.toBeUndefined();
    await expect(authProvider.checkError({ status: 500 })).resolves.toBeUndefined();
    await expect(authProvider.checkError({ status: 401 })).rejects.toThrow();
  });

  it('posts /api/auth/logout and forgets the user', async () => {
    mockFetch(url => (url === '/api/auth/me' ? json(401, {}) : url === '/api/auth/login' ? json(200, user('admin')) : new Response(null, { status: 204 })));
    await authProvider.login({ username: 'admin@ajimi.local', password: 'x'.repeat(12) });
    await authProvider.logout({});
    await expect(authProvider.checkAuth({})).rejects.toEqual({ message: false });
    expect(calls.map(call => `${call.init.method ?? 'GET'} ${call.url}`)).toEqual([
      'POST /api/auth/login',
      'POST /api/auth/logout',
      'GET /api/auth/me',
    ]);
  });
});

describe('with Clerk (the server says mode: clerk and ClerkJS has loaded)', () => {
  /** The part of ClerkJS's `Clerk` object the console uses, behaving as ClerkJS does. */
  const fakeClerk = (signedIn: boolean) => {
    const events: string[] = [];
    const clerk = {
      session: signedIn
        ? {
            getToken: async (options?: { skipCache?: boolean }) => {
              events.push(options?.skipCache ? 'getToken(fresh)' : 'getToken');
              return clerk.session ? 'token' : null;
            },
          }
        : null,
      signOut: async (options?: { redirectUrl?: string }) => {
        events.push('signOut');
        expect(options?.redirectUrl).toMatch(/\/console\/login$/);
        clerk.session = null;
      },
    } as ConsoleClerk;
    return { clerk, events };
  };

  beforeEach(() => vi.stubGlobal('location', new URL('http://localhost:3000/console/')));
  afterEach(() => setConsoleClerk(undefined));

  it('no Clerk session: the login page, without asking the API', async () => {
    setConsoleClerk(fakeClerk(false).clerk);
    mockFetch(() => json(500, {}));
    await expect(authProvider.checkAuth()).rejects.toEqual({ message: false });
    expect(calls).toEqual([]);
  });

  it('a Clerk session: the token (and its cookie) is renewed before /api/auth/me, and the staff user is kept', async () => {
    const { clerk, events } = fakeClerk(true);
    setConsoleClerk(clerk);
    mockFetch((url) => {
      events.push(url);
      return url === '/api/auth/me' ? json(200, user('coach')) : json(500, {});
    });
    await authProvider.checkAuth();
    expect(events).toEqual(['getToken', '/api/auth/me']);
    expect(await authProvider.getPermissions()).toBe('coach');
  });

  it('a Clerk session the API refuses: once more with a fresh token, then the Clerk session is ended with a clear message', async () => {
    const { clerk, events } = fakeClerk(true);
    setConsoleClerk(clerk);
    mockFetch((url) => {
      events.push(url);
      return json(401, { error: { code: 'unauthorized', message: 'Sign in first.' } });
    });
    await expect(authProvider.checkAuth()).rejects.toThrow(AUTH_ERRORS.notAccepted);
    expect(events).toEqual(['getToken', '/api/auth/me', 'getToken(fresh)', '/api/auth/me', 'signOut']);
    // Signed out of Clerk now: the login page shows Clerk's form, no loop.
    await expect(authProvider.checkAuth()).rejects.toEqual({ message: false });
  });

  it('logout ends the Clerk session of a staff member, but leaves a cook signed in to the learner app', async () => {
    const staff = fakeClerk(true);
    setConsoleClerk(staff.clerk);
    mockFetch((url) => (url === '/api/auth/me' ? json(200, user('admin')) : new Response(null, { status: 204 })));
    await authProvider.checkAuth();
    await authProvider.logout();
    expect(staff.events).toContain('signOut');
    expect(calls.map((c) => c.url)).toContain('/api/auth/logout');

    resetAuthCacheForTests();
    const cook = fakeClerk(true);
    setConsoleClerk(cook.clerk);
    mockFetch((url) => (url === '/api/auth/me' ? json(200, user('learner')) : new Response(null, { status: 204 })));
    await expect(authProvider.checkAuth()).rejects.toEqual({ message: AUTH_ERRORS.learnerRefused });
    await authProvider.logout();
    expect(cook.events).not.toContain('signOut');
  });

  it('a 401 while Clerk still has the session renews the token instead of signing out; without a session it signs out', async () => {
    const { clerk, events } = fakeClerk(true);
    setConsoleClerk(clerk);
    await expect(authProvider.checkError({ status: 401 })).resolves.toBeUndefined();
    expect(events).toEqual(['getToken(fresh)']);
    clerk.session = null; // signed out elsewhere (another tab)
    await expect(authProvider.checkError({ status: 401 })).rejects.toThrow('ra.notification.logged_out');
  });

  it('the password form is not used: login refuses', async () => {
    setConsoleClerk(fakeClerk(false).clerk);
    mockFetch(() => json(200, user('admin')));
    await expect(authProvider.login({ username: 'a@ajimi.local', password: 'x' })).rejects.toThrow();
    expect(calls).toEqual([]);
  });
});
