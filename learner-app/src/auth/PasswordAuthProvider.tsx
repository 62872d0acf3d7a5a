import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { isApiError } from '../api/client';
import { fetchMe, login, logout } from '../api/endpoints';
import { navigate } from '../navigation/route';
import { AuthContext } from './AuthContext';
import type { AuthContextValue, AuthState } from './AuthContext';

/** The built-in accounts: email + password, an httpOnly session cookie set by the API. */
export function PasswordAuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' });
  const [checkNonce, setCheckNonce] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'checking' });
    fetchMe(controller.signal).then(
      (user) => {
        if (controller.signal.aborted) return;
        setState(user ? { status: 'signedIn', user } : { status: 'signedOut' });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [checkNonce]);

  const signIn = useCallback(async (email: string, password: string) => {
    const user = await login(email, password);
    setState({ status: 'signedIn', user });
    return user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch (err) {
      // A 401 means the session was already gone: that is a successful sign-out too.
      if (!(isApiError(err) && err.isUnauthorized)) throw err;
    }
    navigate({ name: 'rooms' }, { replace: true });
    setState({ status: 'signedOut', notice: 'signedOut' });
  }, []);

  const sessionExpired = useCallback(() => {
    setState((prev) => (prev.status === 'signedIn' ? { status: 'signedOut', notice: 'sessionExpired' } : prev));
  }, []);

  const recheck = useCallback(() => setCheckNonce((n) => n + 1), []);

  const value = useMemo<AuthContextValue>(
    () => ({ mode: 'password', state, signIn, signOut, sessionExpired, recheck }),
    [state, signIn, signOut, sessionExpired, recheck],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
