/**
 * The loaded Clerk instance, when this server signs in with Clerk (set by AuthModeGate before the
 * console mounts). authProvider reads it: no Clerk here means the built-in password sign-in.
 * Only what the console uses of Clerk's `Clerk` object (https://clerk.com/docs/reference/javascript/clerk).
 */
export interface ConsoleClerk {
  session: { getToken(options?: { skipCache?: boolean }) : Promise<string | null> } | null | undefined;
  signOut(): Promise<unknown>;
}

let current: ConsoleClerk | undefined;

export const setConsoleClerk = (clerk: ConsoleClerk | undefined): void => {
  current = clerk;
};

export const consoleClerk = (): ConsoleClerk | undefined => current;
