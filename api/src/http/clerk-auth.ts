import { createClerkClient } from '@clerk/backend';
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
 *
 * This uses @clerk/backend's authenticateRequest (what @clerk/express's clerkMiddleware wraps) directly,
 * because clerkMiddleware does two things an API must not:
 *  - it accepts every token type ("any", not configurable), so a request carrying `Bearer ak_…`,
 *    `mt_…` or `oat_…` made this server call Clerk's Backend API: anyone could spend our Clerk
 *    rate limit and add a network round trip to any request;
 *  - for a browser navigation with an expired session it answers a 307 to Clerk's handshake and
 *    never calls next(), which for a JSON API is the wrong answer (and left our await pending forever).
 * Here only session tokens are accepted, and anything but a verified session is simply "anonymous".
 */
const claimsSchema = z.object({
  sub: z.string().min(1),
  email: z.email().optional(),
  name: z.string().max(200).nullish(),
  metadata: z.object({ role: z.enum(ROLES).optional() }).loose().optional(),
});

export type ClerkResolverFn = (req: Request, res: Response) => Promise<PublicUser | undefined>;

function toWebRequest(req: Request): globalThis.Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  // The URL only informs Clerk's handshake/satellite logic, which an API never uses; keep it well-formed.
  const url = new URL(req.originalUrl || req.url, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
  return new Request(url, { method: req.method, headers });
}

export function createClerkResolver(deps: { knex: Knex; clerk: NonNullable<Config['clerk']> }): ClerkResolverFn {
  const { secretKey, publishableKey, jwtKey } = deps.clerk;
  if (!publishableKey) {
    // Clerk cannot authenticate a request without it: fail at start, not with a 500 on every request.
    throw new Error('CLERK_PUBLISHABLE_KEY is required when CLERK_SECRET_KEY is set.');
  }
  const clerk = createClerkClient({ secretKey, publishableKey, jwtKey });

  return async (req, res) => {
    let request: globalThis.Request;
    try {
      request = toWebRequest(req);
    } catch {
      return undefined; // headers a fetch Request refuses: not a Clerk session
    }
    const state = await clerk.authenticateRequest(request, { acceptsToken: 'session_token' });
    if (state.status !== 'signed-in') return undefined; // signed out, or a handshake an API does not do
    // A session refreshed on the way in comes with new cookies for the browser.
    for (const cookie of state.headers.getSetCookie()) res.append('Set-Cookie', cookie);
    const auth = state.toAuth();
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
