import { clerkMiddleware, createClerkClient, getAuth } from '@clerk/express';
import { isMachineToken } from '@clerk/backend/internal';
import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Config } from '@ajimi/core/config';
import { ROLES } from '@ajimi/core/domain/roles';
import { linkClerkUser } from '@ajimi/core/services/auth/link-clerk-user';

/**
 * Clerk sessions through @clerk/express: `clerkMiddleware` verifies the session token (the `__session`
 * cookie ClerkJS keeps fresh on our origin, or `Authorization: Bearer`), `getAuth` reads it, and the
 * Clerk identity becomes a local user (a new one is a learner).
 *
 * Networkless: with CLERK_JWT_KEY (the PEM public key from Clerk's dashboard, API keys page) tokens are
 * verified locally (https://clerk.com/docs/guides/sessions/manual-jwt-verification). The key is often
 * given on one line with literal `\n` (env files, secret managers); @clerk/backend only strips real
 * newlines and would otherwise refuse every token without a word, so they are normalised here.
 *
 * `authorizedParties` is the origin of PUBLIC_URL: a session token minted for another application of
 * the same Clerk instance (its `azp` is that app's origin) is refused
 * (https://clerk.com/docs/reference/express/clerk-middleware#options).
 *
 * The session token must carry the user's email, name and public metadata. In Clerk's dashboard,
 * Sessions → Customize session token, set:
 *   { "email": "{{user.primary_email_address}}", "name": "{{user.full_name}}", "metadata": "{{user.public_metadata}}" }
 * and give staff their role in the user's public metadata: { "role": "coach" | "content" | "admin" }.
 * No role means learner.
 *
 * Only session tokens sign anyone in here. clerkMiddleware accepts every token type; an API key,
 * M2M or OAuth token (ak_…, mt_…, oat_…, at+jwt) would make @clerk/backend call Clerk's Backend API
 * to verify it, so anyone could spend our rate limit: such Authorization headers are dropped first.
 * A browser navigation (not a fetch) with an expired cookie gets Clerk's handshake redirect, which is
 * how clerkMiddleware refreshes a session (https://clerk.com/docs/guides/how-clerk-works/overview).
 */
const claimsSchema = z.object({
  sub: z.string().min(1),
  email: z.email().optional(),
  name: z.string().max(200).nullish(),
  metadata: z.object({ role: z.enum(ROLES).optional() }).loose().optional(),
});

/** `-----BEGIN PUBLIC KEY-----\nMIIB…` on one line (literal backslash-n) → a real PEM. */
export function normalisePem(pem: string | undefined): string | undefined {
  return pem?.replace(/\\r\\n|\\n|\\r/g, '\n').trim();
}

/** The origin a Clerk session token's `azp` must match: PUBLIC_URL's. */
export function authorizedPartiesFor(publicUrl: string): string[] {
  return [new URL(publicUrl).origin];
}

// The shape @clerk/backend checks before verifying a JWT (tokens/machine.ts JwtFormatRegExp).
const JWT_FORMAT = /^[a-zA-Z0-9\-_]+\.[a-zA-Z0-9\-_]+\.[a-zA-Z0-9\-_]+$/;

const dropNonSessionBearer: RequestHandler = (req, _res, next) => {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? '';
    if (!JWT_FORMAT.test(token) || isMachineToken(token)) delete req.headers.authorization;
  }
  next();
};

export function createClerkResolver(deps: {
  knex: Knex;
  clerk: NonNullable<Config['clerk']>;
  publicUrl: string;
}): RequestHandler {
  const { secretKey, publishableKey } = deps.clerk;
  if (!publishableKey) {
    // Clerk cannot authenticate a request without it: fail at start, not with a 500 on every request.
    throw new Error('CLERK_PUBLISHABLE_KEY が必要です (CLERK_PUBLISHABLE_KEY is required when CLERK_SECRET_KEY is set).');
  }
  const jwtKey = normalisePem(deps.clerk.jwtKey);
  if (jwtKey !== undefined && !/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PUBLIC KEY-----$/.test(jwtKey)) {
    throw new Error(
      'CLERK_JWT_KEY は PEM 公開鍵ではありません (CLERK_JWT_KEY is not a PEM public key: copy it from Clerk’s dashboard, API keys → Show JWT public key → PEM).',
    );
  }
  // Our own client, so nothing is read from process.env behind our back and no telemetry leaves.
  const clerkClient = createClerkClient({ secretKey, publishableKey, jwtKey, telemetry: { disabled: true } });
  const middleware = clerkMiddleware({
    clerkClient,
    secretKey,
    publishableKey,
    jwtKey,
    authorizedParties: authorizedPartiesFor(deps.publicUrl),
  });

  const linkUser: RequestHandler = async (req, _res, next) => {
    try {
      const auth = getAuth(req, { acceptsToken: 'session_token' });
      if (!auth.isAuthenticated || !auth.userId) return next();
      const claims = claimsSchema.safeParse(auth.sessionClaims);
      // A token without the claims we need (template not set) is not a session here.
      if (!claims.success || !claims.data.email) return next();
      req.user = await linkClerkUser(deps.knex, {
        clerkUserId: claims.data.sub,
        email: claims.data.email,
        name: claims.data.name ?? claims.data.email,
        role: claims.data.metadata?.role ?? 'learner',
      });
      next();
    } catch (error) {
      next(error);
    }
  };

  return (req, res, next) => {
    dropNonSessionBearer(req, res, () => {
      middleware(req, res, (error?: unknown) => (error ? next(error) : void linkUser(req, res, next)));
    });
  };
}
