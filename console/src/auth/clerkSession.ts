/**
 * The loaded Clerk instance, when this server signs in with Clerk (set by AuthModeGate before the
 * console mounts). authProvider reads it: no Clerk here means the built-in password sign-in.
 * Only what the console uses of Clerk's `Clerk` object (https://clerk.com/docs/reference/javascript/clerk).
 */
export interface ConsoleClerk {
  session: { getToken(options?: { skipCache?: boolean }) : Promise<string | null> } | null | undefined;
  signOut(options?: { redirectUrl?: string }): Promise<unknown>;
}

let current: ConsoleClerk | undefined;

export const setConsoleClerk = (clerk: ConsoleClerk | undefined): void => {
  current = clerk;
};

export const consoleClerk = (): ConsoleClerk | undefined => current;

/**
 * Where Clerk goes after a sign-out from the console: its login page. Without it ClerkJS goes to the
 * instance's "after sign-out" URL, which is the learner app.
 */
export const consoleSignOut = (clerk: ConsoleClerk): Promise<unknown> => clerk.signOut({ redirectUrl: `${location.origin}/console/login` });
