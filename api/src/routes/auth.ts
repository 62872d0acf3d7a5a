import { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Knex } from 'knex';
import { z } from 'zod';
import { TooManyRequestsError } from '@ajimi/core/errors';
import { loginWithPassword, revokeSession } from '@ajimi/core/services/auth/password-login';
import { clearLoginAttempts, countLoginAttempt } from '@ajimi/core/services/auth/login-throttle';
import { MIN_PASSWORD_LENGTH, changeOwnPassword } from '@ajimi/core/services/auth/change-password';
import { signSessionToken } from '@ajimi/core/services/auth/session-token';
import { SESSION_COOKIE, actorOf, currentUser, requireUser } from '../http/authenticate';
import { parse } from '../http/parse';

export const loginBody = z
  .object({
    email: z.email().max(254),
    password: z.string().min(1).max(1024),
  })
  .strict();

export const passwordBody = z
  .object({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(MIN_PASSWORD_LENGTH, `新しいパスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。 / The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`).max(1024),
  })
  .strict();

export function authRoutes(deps: {
  knex: Knex;
  sessionSecret: string;
  ttlHours: number;
  secureCookies: boolean;
  loginLimitPer15Min: number;
  passwordLogin: boolean;
}): Router {
  const router = Router();
  // Per client and email, so one attacker cannot lock everyone out and one account cannot be sprayed.
  const loginLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: deps.loginLimitPer15Min,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${String((req.body as { email?: unknown })?.email ?? '').toLowerCase().slice(0, 254)}`,
    handler: (_req, _res, next) => next(new TooManyRequestsError('Too many sign-in attempts. Wait 15 minutes and try again.')),
  });

  router.post('/login', loginLimiter, async (req, res) => {
    if (!deps.passwordLogin) {
      res.status(404).json({ error: { code: 'not_found', message: 'Password sign-in is disabled: this server uses Clerk.' }, requestId: req.id });
      return;
    }
    const input = parse(loginBody, req.body, 'sign-in form');
    // Per account, in Postgres: the same count whatever the address, process or restart.
    await countLoginAttempt(deps.knex, input.email);
    const result = await loginWithPassword(deps.knex, { ...input, userAgent: req.get('user-agent') }, deps.ttlHours);
    await clearLoginAttempts(deps.knex, input.email);
    res.cookie(SESSION_COOKIE, signSessionToken(result.sessionId, deps.sessionSecret), {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      path: '/',
      expires: result.expiresAt,
    });
    res.json({ user: result.user });
  });

  router.post('/logout', async (req, res) => {
    if (req.sessionId) await revokeSession(deps.knex, req.sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  // Everyone with a built-in account changes their own password here (Clerk users do it at Clerk).
  router.post('/password', requireUser, async (req, res) => {
    if (!deps.passwordLogin) {
      res.status(404).json({ error: { code: 'not_found', message: 'Passwords are managed by Clerk on this server.' }, requestId: req.id });
      return;
    }
    const input = parse(passwordBody, req.body, 'password change');
    await changeOwnPassword(deps.knex, actorOf(req), { ...input, keepSessionId: req.sessionId });
    res.status(204).end();
  });

  router.get('/me', (req, res) => {
    res.json({ user: currentUser(req) });
  });

  return router;
}
