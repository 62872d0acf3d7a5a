/**
 * Passwords: everyone signed in changes their own; only an admin resets someone else's. The bodies
 * are invalid on purpose (400 past the gate), so the matrix never changes a caller's password.
 */
import { s, type AreaMatrix } from './matrix';

export const matrix: AreaMatrix = {
  rows: [
    //                                                                  anon   A     B   coach content admin
    { route: 'POST /api/auth/password', body: () => ({}),               expect: s([401, 400, 400, 400, 400, 400]) },
    { route: 'POST /api/console/users/:id/password', request: (f) => `POST /api/console/users/${f.targetUserId}/password`, body: () => ({}),
                                                                        expect: s([401, 403, 403, 403, 403, 400]) },
  ],
};
