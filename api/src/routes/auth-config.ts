import { Router } from 'express';
import type { Config } from '@ajimi/core/config';
import { authConfigFor } from '@ajimi/core/domain/auth-config';

/** GET /api/auth/config: public; tells the front-ends whether to show Clerk's sign-in or the password form. */
export function authConfigRoutes(deps: { clerk: Config['clerk'] }): Router {
  const router = Router();
  const body = authConfigFor(deps.clerk);
  router.get('/config', (_req, res) => {
    res.json(body);
  });
  return router;
}
