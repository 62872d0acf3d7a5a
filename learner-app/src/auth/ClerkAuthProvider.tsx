import { ClerkProvider, useAuth as useClerkAuth, useClerk } from '@clerk/react';
import { enUS, jaJP } from '@clerk/localizations';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { fetchMe, logout } from '../api/endpoints';
import { navigate } from '../navigation/route';
import { AuthContext } from './AuthContext';
import type { AuthContextValue, AuthNotice, AuthState } from './AuthContext';

/**
 * Sign-in through Clerk (https://clerk.com/docs/react/getting-started/quickstart): ClerkJS keeps the
 * session and its short-lived token in the `__session` cookie on this origin, which every API call,
 * the event stream and uploads carry; the API verifies it and answers GET /api/auth/me with the
 * local user (a new Clerk user becomes a cook).
 */
/**
 * How ClerkJS navigates (after sign-in, between its form's steps). This app routes on the hash: a
 * destination on this page only changes the hash. ClerkJS's default, assigning location.href,
 * never completes for a hash-only change (no page load follows), which left sign-in half done.
 */
function navigateForClerk(to: string, replace: boolean): void {
  const url = new URL(to, location.href);
  if (url.origin === location.origin && url.pathname === location.pathname && url.search === location.search) {
    if (replace) history.replaceState(history.state, '', url.hash || '#/');
    else history.pushState(history.state, '', url.hash || '#/');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    return;
  }
  if (replace) location.replace(url);
  else location.assign(url);
}

/** The room list of this app: where ClerkJS goes after a sign-out (not the instance's default URL). */
const homeUrl = () => `${location.origin}${location.pathname}#/`;

export function ClerkAuthProvider({ publishableKey, children }: { publishableKey: string; children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ClerkProvider
      publishableKey={publishableKey}
      localization={i18n.language === 'en' ? enUS : jaJP}
      routerPush={(to) => navigateForClerk(to, false)}
      routerReplace={(to) => navigateForClerk(to, true)}
    >
      <ClerkSession>{children}</ClerkSession>
    </ClerkProvider>
  );
}

function ClerkSession({ children }: { children: ReactNode }) {
  const clerk = useClerk();
  const { isLoaded, isSignedIn, userId, getToken, signOut: clerkSignOut } = useClerkAuth();
  const [state, setState] = useState<AuthState>({ status: 'checking' });
  const [check, setCheck] = useState({ nonce: 0, refresh: false });
  const notice = useRef<AuthNotice | undefined>(undefined);

  useEffect(() => {
    if (clerk.status === 'error') {
      // ClerkJS could not load (blocked, offline on first visit): say so, with a retry.
      setState({ status: 'error', error: new ApiError({ kind: 'network' }) });
      return;
    }
    if (!isLoaded) return;
    if (!isSignedIn) {
      setState({ status: 'signedOut', notice: notice.current });
      return;
    }
    const controller = new AbortController();
    const refresh = check.refresh;
    if (!refresh) setState({ status: 'checking' });
    (async () => {
      // A fresh token also renews the __session cookie the API reads (after a sleep it may have expired).
      await getToken({ skipCache: refresh });
      const user = await fetchMe(controller.signal);
      if (controller.signal.aborted) return;
      if (user) {
        notice.current = undefined;
        setState({ status: 'signedIn', user });
        return;
      }
      // Clerk says signed in, the server does not accept the session: end it, and say why.
      notice.current = refresh ? 'sessionExpired' : 'notAccepted';
      await clerkSignOut({ redirectUrl: homeUrl() });
    })().catch((error: unknown) => {
      if (!controller.signal.aborted) setState({ status: 'error', error });
    });
    return () => controller.abort();
  }, [clerk.status, isLoaded, isSignedIn, userId, getToken, clerkSignOut, check]);

  const signIn = useCallback(() => Promise.reject(new Error('This server signs in with Clerk.')), []);

  const signOut = useCallback(async () => {
    notice.current = 'signedOut';
    await clerkSignOut({ redirectUrl: homeUrl() });
    await logout().catch(() => undefined); // nothing to end on the server with Clerk; harmless
    navigate({ name: 'rooms' }, { replace: true });
  }, [clerkSignOut]);

  // A request answered 401: the token may just have expired while the phone slept. Refresh it once
  // and ask again; only if the server still says no is the cook signed out.
  const sessionExpired = useCallback(() => setCheck((c) => ({ nonce: c.nonce + 1, refresh: true })), []);
  const recheck = useCallback(() => setCheck((c) => ({ nonce: c.nonce + 1, refresh: false })), []);

  const value = useMemo<AuthContextValue>(
    () => ({ mode: 'clerk', state, signIn, signOut, sessionExpired, recheck }),
    [state, signIn, signOut, sessionExpired, recheck],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
