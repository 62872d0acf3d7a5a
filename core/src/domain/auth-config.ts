import { z } from 'zod';

/**
 * Wire contract of GET /api/auth/config: how the front-ends sign people in.
 * - `password`: the built-in accounts (POST /api/auth/login).
 * - `clerk`: Clerk's React SDK with this publishable key; the API reads the Clerk session it leaves.
 */
export const authConfigSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('password') }).strict(),
  z
    .object({
      mode: z.literal('clerk'),
      // pk_test_… / pk_live_… followed by base64(frontend API host + '$') (https://clerk.com/docs/guides/development/clerk-environment-variables)
      publishableKey: z.string().regex(/^pk_(test|live)_[A-Za-z0-9+/=_-]+$/),
    })
    .strict(),
]);

export type AuthConfig = z.infer<typeof authConfigSchema>;

/** What the server tells the front-ends, from its own Clerk settings. */
export function authConfigFor(clerk: { publishableKey: string | undefined } | undefined): AuthConfig {
  if (clerk?.publishableKey) return { mode: 'clerk', publishableKey: clerk.publishableKey };
  return { mode: 'password' };
}
