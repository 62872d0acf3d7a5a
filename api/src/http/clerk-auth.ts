import { clerkMiddleware, getAuth } from '@clerk/express';
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Config } from '@ajimi/core/config';
import { ROLES } from '@ajimi/core/domain/roles';
import { linkClerkUser } from '@ajimi/core/services/auth/link-clerk-user';
import type { PublicUser } from '@ajimi/core/services/auth/public-user';

/**
 * The session token must carry the user's email, name and public metadata; in Clerk's dashboard,
 * Sessions → Customize session token:
 *   { "email": "{{user.primary_email_address}}", "name": "{{user.full_name}}", "metadata": "{{user.public_metadata}}" }
 * With CLERK_JWT_KEY set, tokens are verified locally, without a call to Clerk per request.
 */
const claimsSchema = z.object({
  sub: z.string().min(1),
  email: z.email().optional(),
  name: z.string().max(200).nullish(),
  metadata: z.object({ role: z.enum(ROLES).optional() }).loose().optional(),
});

export type ClerkResolverFn = (req: Request, res: Response) => Promise<PublicUser | undefined>;

export function createClerkResolver(deps: { knex: Knex; clerk: NonNullable<Config['clerk']> }): ClerkResolverFn {
  const middleware = clerkMiddleware({
    secretKey: deps.clerk.secretKey,
    publishableKey: deps.clerk.publishableKey,
    jwtKey: deps.clerk.jwtKey,
  });
  return async (req, res) => {
    await new Promise<void>((resolve, reject) => {
      void middleware(req, res, (err?: unknown) => (err ? reject(err) : resolve()));
    });
    const auth = getAuth(req);
    if (!auth.userId) return undefined;
    const claims = claimsSchema.safeParse(auth.sessionClaims);
    if (!claims.success || !claims.data.email) return undefined; // a token without the claims we need is not a session here
    return linkClerkUser(deps.knex, {
      clerkUserId: claims.data.sub,
      email: claims.data.email,
      name: claims.data.name ?? claims.data.email,
      role: claims.data.metadata?.role ?? 'learner',
    });
  };
}
