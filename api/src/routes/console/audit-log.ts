import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { AUDIT_SORT_FIELDS, auditFacets, getAuditEntry, listAuditLog } from '@ajimi/core/data/audit-log';
import { nameAuditTargets } from '@ajimi/core/data/audit-targets';
import { requireRole } from '../../http/authenticate';
import { parse } from '../../http/parse';
import { parseListQuery, sendList } from '../../http/simple-rest';

const auditId = z.string().regex(/^\d{1,18}$/, 'an audit entry id is a number');

export const filter = z
  .object({
    q: z.string().max(200).optional(),
    action: z.string().max(80).optional(),
    entity_type: z.string().max(80).optional(),
    entity_id: z.string().max(200).optional(),
    actor_user_id: z.uuid().optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    id: z.union([auditId, z.array(auditId).max(500)]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
    routine: z.boolean().optional(),
  })
  .strict();

/** The audit log (admins): read-only, every staff edit and decision with before and after. */
export function auditLogRoutes(deps: { knex: Knex }): Router {
  const router = Router();
  router.use(requireRole('admin'));
  router.get('/', async (req, res) => {
    const list = parseListQuery(req, { sortable: AUDIT_SORT_FIELDS, defaultSort: ['id', 'DESC'], filter });
    const page = await listAuditLog(deps.knex, list);
    sendList(res, 'audit-log', { ...page, rows: await nameAuditTargets(deps.knex, page.rows) });
  });
  router.get('/facets', async (_req, res) => {
    res.json(await auditFacets(deps.knex));
  });
  router.get('/:id', async (req, res) => {
    const [entry] = await nameAuditTargets(deps.knex, [await getAuditEntry(deps.knex, parse(z.object({ id: auditId }), req.params, 'audit entry id').id)]);
    res.json(entry);
  });
  return router;
}
