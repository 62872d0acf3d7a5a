import { createContext, useContext } from 'react';
import type { User } from '../api/types';

/** `notAccepted`: Clerk signed the person in, but this server did not accept the session (see SignInScreen). */
export type AuthNotice = 'sessionExpired' | 'signedOut' | 'notAccepted';

export type AuthState =
  | { status: 'checking' }
  | { status: 'error'; error: unknown }
  | { status: 'signedOut'; notice?: AuthNotice }
  | { status: 'signedIn'; user: User };

export interface AuthContextValue {
  /** `password`: the built-in sign-in form; `clerk`: Clerk's sign-in (GET /api/auth/config decides). */
  mode: 'password' | 'clerk';
  state: AuthState;
  /** Password mode: resolves with the user; rejects with an ApiError (shown by the form). */
  signIn: (email: string, password: string) => Promise<User>;
  /** Rejects with an ApiError when the server could not be reached. */
  signOut: () => Promise<void>;
  /** Called when any request answers 401: the session is gone. */
  sessionExpired: () => void;
  /** Re-check the session after a failed start-up check. */
  recheck: () => void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only call below the signed-in branch of the app. */
export function useUser(): User {
  const { state } = useAuth();
  if (state.status !== 'signedIn') throw new Error('useUser needs a signed-in session');
  return state.user;
}
