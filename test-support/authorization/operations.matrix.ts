/**
 * Operations and the audit log: admins only. The retry row asks about a session that has not
 * failed, so it answers "nothing to retry" and sends no job into the shared queues.
 */
import { s, type AreaMatrix } from './matrix';

const ADMIN = s([401, 403, 403, 403, 403, 200]);

export const matrix: AreaMatrix = {
  rows: [
    //                                                                  anon   A     B   coach content admin
    { route: 'GET /api/console/operations/overview',                    expect: ADMIN },
    { route: 'GET /api/console/operations/queues',                      expect: ADMIN },
    { route: 'POST /api/console/operations/sessions/:id/retry', request: (f) => `POST /api/console/operations/sessions/${f.sessionId}/retry`,
                                                                        expect: ADMIN },
    { route: 'GET /api/console/audit-log',                              expect: ADMIN },
    { route: 'GET /api/console/audit-log/facets',                       expect: ADMIN },
    { route: 'GET /api/console/audit-log/:id', request: 'GET /api/console/audit-log/:auditId', expect: ADMIN },
    // The pg-boss dashboard mount: read-only unless opted in, so even the admin's write is refused here.
    { route: 'USE /api/console/queue-dashboard', request: 'POST /api/console/queue-dashboard/queues',
                                                                        expect: s([401, 403, 403, 403, 403, 403]) },
  ],
  async setup({ api, users }) {
    const [row] = await api.knex('audit_log')
      .insert({ actor_user_id: users.admin.id, actor_role: 'admin', action: 'matrix.check', entity_type: 'matrix', entity_id: null })
      .returning('id');
    return { auditId: String(row.id) };
  },
};
