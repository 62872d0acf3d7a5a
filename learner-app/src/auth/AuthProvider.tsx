import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { AuthConfig } from '@ajimi/core/domain/auth-config';
import { AuthContext } from './AuthContext';
import type { AuthContextValue, AuthState } from './AuthContext';
import { fetchAuthConfig } from './authConfig';
import { PasswordAuthProvider } from './PasswordAuthProvider';

// Clerk's SDK is only downloaded by servers that use Clerk.
const ClerkAuthProvider = lazy(() => import('./ClerkAuthProvider').then((m) => ({ default: m.ClerkAuthProvider })));

/**
 * Asks the server how people sign in (GET /api/auth/config), then hands over to the built-in
 * password sign-in or to Clerk's. Until it knows, the app shows its loading state; when the server
 * cannot be reached, the error with a retry.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [config, setConfig] = useState<AuthConfig | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setFailure(undefined);
    fetchAuthConfig(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setConfig(value);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setFailure(error ?? new Error('auth config'));
      },
    );
    return () => controller.abort();
  }, [nonce]);

  const recheck = useCallback(() => setNonce((n) => n + 1), []);
  const pending = useMemo<AuthContextValue>(() => {
    const state: AuthState = failure === undefined ? { status: 'checking' } : { status: 'error', error: failure };
    const unavailable = () => Promise.reject(new Error('sign-in is not ready'));
    return { mode: 'password', state, signIn: unavailable, signOut: unavailable, sessionExpired: () => undefined, recheck };
  }, [failure, recheck]);

  if (!config) return <AuthContext.Provider value={pending}>{children}</AuthContext.Provider>;
  if (config.mode === 'clerk') {
    return (
      <Suspense fallback={<AuthContext.Provider value={pending}>{children}</AuthContext.Provider>}>
        <ClerkAuthProvider publishableKey={config.publishableKey}>{children}</ClerkAuthProvider>
      </Suspense>
    );
  }
  return <PasswordAuthProvider>{children}</PasswordAuthProvider>;
}
