import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { FINDING_CODES, SENSES } from '@ajimi/core/domain/findings';
import type { JobQueue } from '@ajimi/core/queue/job-queue';
import { createPrinciple } from '@ajimi/core/services/knowledge/create-principle';
import { EMBEDDING_STATUSES, PRINCIPLE_SORT_FIELDS, listPrinciples } from '@ajimi/core/services/knowledge/list-principles';
import { getPrinciple } from '@ajimi/core/services/knowledge/principle-record';
import { principleFormOptions } from '@ajimi/core/services/knowledge/principle-form-options';
import { listPrincipleVersions, restorePrincipleVersion } from '@ajimi/core/services/knowledge/principle-versions';
import { publishPrinciple, unpublishPrinciple } from '@ajimi/core/services/knowledge/publish-principle';
import { discardPrincipleDraft, savePrincipleDraft } from '@ajimi/core/services/knowledge/save-principle-draft';
import { actorOf, requireRole } from '../../http/authenticate';
import { parse } from '../../http/parse';
import { parseListQuery, sendList, uuidList } from '../../http/simple-rest';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = (max: number) => z.string().trim().min(1).max(max);
const bilingual = (max = 1000) => z.object({ ja: text(max), en: text(max) }).strict();

export const filter = z
  .object({
    q: z.string().max(200).optional(),
    dish: z.string().regex(SLUG).max(80).optional(),
    published: z.boolean().optional(),
    embedding_status: z.enum(EMBEDDING_STATUSES).optional(),
    id: uuidList.optional(),
  })
  .strict();

const content = {
  title_ja: text(200),
  title_en: text(200),
  dishes: z
    .array(z.string().regex(SLUG).max(80))
    .min(1)
    .max(20)
    .refine((d) => new Set(d).size === d.length, 'a dish is listed twice'),
  is_core: z.boolean().default(false),
  skill: bilingual(),
  symptoms: z
    .array(z.object({ ja: text(500), en: text(500), sense: z.enum(SENSES) }).strict())
    .min(1)
    .max(20),
  why: bilingual(2000),
  next_action: bilingual(2000),
  success_signs: z.object({ sight: bilingual(500).optional(), sound: bilingual(500).optional(), texture: bilingual(500).optional() }).strict(),
  addresses: z.array(z.enum(FINDING_CODES)).max(FINDING_CODES.length).default([]),
  body_md: z.string().max(20_000).default(''),
};

export const createBody = z
  .object({ slug: z.string().regex(SLUG, 'lowercase words joined by hyphens, e.g. "preheat-pan"').max(80), published: z.boolean().default(false), ...content })
  .strict();

// react-admin's edit form sends the whole record back: the read-only fields are accepted and ignored,
// and `draft_revision` is the one the editor opened (a stale save is refused, not silently merged).
const readOnlyFields = {
  version: z.number().int().min(1).optional(),
  draft_revision: z.number().int().min(0).optional(),
  id: z.string().optional(),
  slug: z.string().optional(),
  source: z.string().optional(),
  published: z.boolean().optional(),
  embedding_status: z.string().optional(),
  embedded_version: z.number().nullable().optional(),
  chunk_count: z.number().optional(),
  embedding_model: z.string().nullable().optional(),
  updated_by: z.string().nullable().optional(),
  updated_by_name: z.string().nullable().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
  draft: z.unknown().optional(),
  has_draft: z.boolean().optional(),
  draft_updated_by_name: z.string().nullable().optional(),
  draft_updated_at: z.string().nullable().optional(),
};
export const updateBody = z.object({ ...content, ...readOnlyFields }).strict();
const CONTENT_FIELDS = Object.keys(content) as Array<keyof typeof content>;

export const publishBody = z.object({ draft_revision: z.number().int().min(0).optional() }).strict();
const versionParam = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });

const idParam = z.object({ id: z.uuid() });

/** The knowledge base (content staff and admins): principles, their versions and publishing. */
export function principleRoutes(deps: { knex: Knex; queue: JobQueue }): Router {
  const router = Router();
  router.use(requireRole('content', 'admin'));
  router.get('/', async (req, res) => {
    const list = parseListQuery(req, { sortable: PRINCIPLE_SORT_FIELDS, defaultSort: ['updated_at', 'DESC'], filter });
    sendList(res, 'principles', await listPrinciples(deps.knex, list));
  });
  router.get('/form-options', async (_req, res) => {
    res.json(await principleFormOptions(deps.knex, FINDING_CODES));
  });
  router.get('/:id', async (req, res) => {
    res.json(await getPrinciple(deps.knex, parse(idParam, req.params, 'principle id').id));
  });
  router.get('/:id/versions', async (req, res) => {
    res.json(await listPrincipleVersions(deps.knex, parse(idParam, req.params, 'principle id').id));
  });
  router.post('/', async (req, res) => {
    res.status(201).json(await createPrinciple(deps, actorOf(req), parse(createBody, req.body, 'principle')));
  });
  // An edit is saved as a draft; it goes live only through publish.
  router.put('/:id', async (req, res) => {
    const { id } = parse(idParam, req.params, 'principle id');
    const body = parse(updateBody, req.body, 'principle');
    const fields = Object.fromEntries(CONTENT_FIELDS.map((k) => [k, body[k]])) as z.infer<z.ZodObject<typeof content>>;
    res.json(await savePrincipleDraft(deps.knex, actorOf(req), id, fields, { expectedRevision: body.draft_revision }));
  });
  router.post('/:id/publish', async (req, res) => {
    const { id } = parse(idParam, req.params, 'principle id');
    const { draft_revision: expectedRevision } = parse(publishBody, req.body ?? {}, 'publish');
    res.json(await publishPrinciple(deps, actorOf(req), id, { expectedRevision }));
  });
  router.post('/:id/unpublish', async (req, res) => {
    res.json(await unpublishPrinciple(deps.knex, actorOf(req), parse(idParam, req.params, 'principle id').id));
  });
  router.post('/:id/discard-draft', async (req, res) => {
    res.json(await discardPrincipleDraft(deps.knex, actorOf(req), parse(idParam, req.params, 'principle id').id));
  });
  router.post('/:id/versions/:version/restore', async (req, res) => {
    const { id, version } = parse(versionParam, req.params, 'principle version');
    res.json(await restorePrincipleVersion(deps.knex, actorOf(req), id, version));
  });
  return router;
}
