import type { AuthProvider, UserIdentity } from 'react-admin';
import { consoleClerk, consoleSignOut } from './auth/clerkSession';
import { KNOWN_ERROR_CODES } from './errors/apiError';
import { isRole, isStaffRole, type Role, type SessionUser } from './roles';

/**
 * Cookie-session auth against the Ajimi API:
 *   POST /api/auth/login  {email, password} → 200 {user} (sets an httpOnly cookie) | 401/429 {error:{code,message}}
 *   POST /api/auth/logout → 204
 *   GET  /api/auth/me     → 200 {user} | 401
 *
 * With Clerk (AuthModeGate registered a Clerk instance), Clerk's own sign-in replaces the form: the
 * API reads the `__session` cookie ClerkJS keeps on this origin, so /api/auth/me is asked right after
 * ClerkJS has renewed the token; sign-out ends the Clerk session.
 *
 * Errors thrown from here carry a translation key: ajimi.errors.<code> for the API's error code, or
 * ajimi.auth.* (react-admin's notifier translates keys).
 */

export const AUTH_ERRORS = {
  learnerRefused: 'ajimi.auth.learner_refused',
  notAccepted: 'ajimi.auth.not_accepted',
  network: 'ajimi.auth.network_error',
  unexpected: 'ajimi.auth.unexpected_response',
  rateLimited: 'ajimi.auth.rate_limited',
  signInFailed: 'ra.auth.sign_in_error',
} as const;

interface ApiErrorBody {
  error?: { code?: string; message?: string };
  requestId?: string;
}

/** The user is cached in memory for the page lifetime; login sets it, logout clears it. */
let cachedUser: SessionUser | null = null;
let pendingMe: Promise<SessionUser | null> | null = null;

const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  try {
    return await fetch(path, { ...init, headers, credentials: 'include' });
  } catch {
    throw new Error(AUTH_ERRORS.network);
  }
};

const readJson = async (response: Response): Promise<unknown> => {
  try {
    return await response.json();
  } catch {
    return null;
  }
};

/** A translation key for the API's error code (the server's English text is never shown); undefined for an unknown code. */
const apiErrorMessage = (body: unknown): string | undefined => {
  const code = (body as ApiErrorBody | null)?.error?.code;
  return typeof code === 'string' && (KNOWN_ERROR_CODES as readonly string[]).includes(code) ? `ajimi.errors.${code}` : undefined;
};

export const parseSessionUser = (body: unknown): SessionUser | null => {
  const user = (body as { user?: Record<string, unknown> } | null)?.user;
  if (!user || typeof user !== 'object') return null;
  const { id, email, name, role, locale } = user;
  if ((typeof id !== 'string' && typeof id !== 'number') || typeof email !== 'string' || !isRole(role)) {
    return null;
  }
  return {
    id: String(id),
    email,
    name: typeof name === 'string' && name.trim() !== '' ? name : email,
    role,
    locale: locale === 'en' ? 'en' : 'ja',
  };
};

const fetchMe = async (): Promise<SessionUser | null> => {
  const response = await request('/api/auth/me');
  if (response.status === 401) return null;
  const body = await readJson(response);
  if (!response.ok) throw new Error(apiErrorMessage(body) ?? AUTH_ERRORS.unexpected);
  const user = parseSessionUser(body);
  if (!user) throw new Error(AUTH_ERRORS.unexpected);
  return user;
};

/**
 * With Clerk: no Clerk session → nobody; otherwise renew the token (and with it the cookie) and ask
 * the API. When the API refuses a session Clerk holds, once more with a token fresh from Clerk; if it
 * still says no (a disabled account, a session token without the configured claims), the Clerk
 * session is ended so the sign-in form is shown again instead of a loop.
 */
const fetchClerkUser = async (): Promise<SessionUser | null> => {
  const clerk = consoleClerk();
  if (!clerk?.session) return null;
  await clerk.session.getToken();
  const user = (await fetchMe()) ?? (await clerk.session.getToken({ skipCache: true }), await fetchMe());
  if (user) return user;
  await consoleSignOut(clerk);
  throw new Error(AUTH_ERRORS.notAccepted);
};

/** The signed-in user, or null when there is no session. Concurrent callers share one request. */
export const getSessionUser = (): Promise<SessionUser | null> => {
  if (cachedUser) return Promise.resolve(cachedUser);
  pendingMe ??= (consoleClerk() ? fetchClerkUser() : fetchMe())
    .then(user => {
      cachedUser = user;
      return user;
    })
    .finally(() => {
      pendingMe = null;
    });
  return pendingMe;
};

const serverLogout = async (): Promise<void> => {
  try {
    const clerk = consoleClerk();
    if (clerk) await consoleSignOut(clerk);
  } catch {
    // Clerk unreachable: its session token expires within a minute on its own.
  }
  try {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'include' });
  } catch {
    // Offline: the local state is cleared anyway; the cookie expires on its own.
  }
};

const clearSession = (): void => {
  cachedUser = null;
  pendingMe = null;
};

export interface ConsoleIdentity extends UserIdentity {
  id: string;
  fullName: string;
  email: string;
  role: Role;
}

export const authProvider = {
  async login(params: { username?: string; email?: string; password?: string }) {
    if (consoleClerk()) throw new Error(AUTH_ERRORS.unexpected); // Clerk's own form signs in
    const email = (params.username ?? params.email ?? '').trim();
    const password = params.password ?? '';
    const response = await request('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email, password }),
    });
    const body = await readJson(response);
    if (!response.ok) {
      const fallback = response.status === 429 ? AUTH_ERRORS.rateLimited : AUTH_ERRORS.signInFailed;
      throw new Error(apiErrorMessage(body) ?? fallback);
    }
    const user = parseSessionUser(body);
    if (!user) {
      await serverLogout();
      clearSession();
      throw new Error(AUTH_ERRORS.unexpected);
    }
    if (!isStaffRole(user.role)) {
      // Cooks use the learner app; do not leave a console session behind.
      await serverLogout();
      clearSession();
      throw new Error(AUTH_ERRORS.learnerRefused);
    }
    cachedUser = user;
  },

  async logout(_params?: unknown) {
    // A cook who opens the console while signed in to the learner app is turned away, but their
    // learner-app session (same cookie) is theirs to keep: only a staff session is ended here.
    const learnerSession = cachedUser !== null && !isStaffRole(cachedUser.role);
    clearSession();
    if (!learnerSession) await serverLogout();
  },

  async checkAuth(_params?: unknown) {
    const user = await getSessionUser();
    // No session: go to the login page without an error toast.
    if (!user) throw { message: false };
    // The login page explains this case (see LoginPage); no toast, it would be lost in the redirect.
    if (!isStaffRole(user.role)) throw { message: AUTH_ERRORS.learnerRefused };
  },

  async checkError(error: { status?: number } | undefined) {
    // 401: the session is gone; react-admin then logs out and shows "session ended".
    // 403 is a permission problem on one request, not a reason to sign out.
    if (error?.status !== 401) return;
    // With Clerk, a 401 may only mean the token expired while the tab slept: when Clerk still has the
    // session, a fresh token renews the cookie and the next request goes through.
    const clerk = consoleClerk();
    if (clerk?.session) {
      const token = await clerk.session.getToken({ skipCache: true }).catch(() => null);
      if (token) {
        clearSession(); // the next auth check asks the API again (and ends a session it refuses)
        return;
      }
    }
    throw new Error('ra.notification.logged_out');
  },

  async getIdentity(): Promise<ConsoleIdentity> {
    const user = await getSessionUser();
    if (!user) throw new Error('ra.auth.auth_check_error');
    return { id: user.id, fullName: user.name, email: user.email, role: user.role };
  },

  async getPermissions(_params?: unknown): Promise<Role | null> {
    try {
      return (await getSessionUser())?.role ?? null;
    } catch {
      return null;
    }
  },
} satisfies AuthProvider;

/** Forget the cached user (after a sign-out outside react-admin's own logout). */
export const forgetSessionUser = (): void => clearSession();

/** For tests only: forget the cached user. */
export const resetAuthCacheForTests = forgetSessionUser;
