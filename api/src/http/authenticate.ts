import type { Request, RequestHandler } from 'express';
import type { Knex } from 'knex';
import { ROLES, type Role } from '@ajimi/core/domain/roles';
import { ForbiddenError, UnauthorizedError } from '@ajimi/core/errors';
import { findSessionUser } from '@ajimi/core/services/auth/session-user';
import type { PublicUser } from '@ajimi/core/services/auth/public-user';
import { verifySessionToken } from '@ajimi/core/services/auth/session-token';

declare module 'express-serve-static-core' {
  interface Request {
    user?: PublicUser;
    sessionId?: string;
  }
}

export const SESSION_COOKIE = 'ajimi_session';

/**
 * Clerk's authentication (clerkMiddleware + getAuth, see clerk-auth.ts): sets req.user when the request
 * carries a Clerk session, and may answer itself (Clerk's handshake redirect for a browser navigation).
 */
export type ClerkResolver = RequestHandler;

/**
 * Who is calling: a Clerk session when Clerk is configured, else the built-in signed session cookie.
 * A forged, expired or revoked cookie simply makes the caller anonymous.
 */
export function authenticate(deps: { knex: Knex; sessionSecret: string; clerk?: ClerkResolver | undefined }): RequestHandler {
  return async (req, res, next) => {
    try {
      if (deps.clerk) return deps.clerk(req, res, next);
      const token = req.cookies?.[SESSION_COOKIE] as string | undefined;
      if (!token) return next();
      const sessionId = verifySessionToken(token, deps.sessionSecret);
      const user = sessionId ? await findSessionUser(deps.knex, sessionId) : null;
      if (user && sessionId) {
        req.user = user;
        req.sessionId = sessionId;
      } else {
        res.clearCookie(SESSION_COOKIE, { path: '/' });
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** A gate's roles ride on the handler so the OpenAPI document reads them from the mounted routes. */
export type RoleGate = RequestHandler & { allowedRoles: readonly Role[] };

export const requireUser: RoleGate = Object.assign<RequestHandler, { allowedRoles: readonly Role[] }>(
  (req, _res, next) => {
    next(req.user ? undefined : new UnauthorizedError());
  },
  { allowedRoles: ROLES },
);

/** Role gate for a route group; authorization of single records is the service's job. */
export function requireRole(...roles: Role[]): RoleGate {
  const gate: RequestHandler = (req, _res, next) => {
    if (!req.user) return next(new UnauthorizedError());
    if (!roles.includes(req.user.role)) return next(new ForbiddenError());
    next();
  };
  return Object.assign(gate, { allowedRoles: roles });
}

export function currentUser(req: Request): PublicUser {
  if (!req.user) throw new UnauthorizedError();
  return req.user;
}

export function actorOf(req: Request): { userId: string; role: Role; requestId: string } {
  const user = currentUser(req);
  return { userId: user.id, role: user.role, requestId: String(req.id) };
}
