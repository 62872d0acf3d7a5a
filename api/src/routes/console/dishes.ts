import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { FINDING_CODES } from '@ajimi/core/domain/findings';
import { getDish } from '@ajimi/core/services/dishes/dish-record';
import { dishFormOptions } from '@ajimi/core/services/dishes/dish-form-options';
import { listDishVersions, restoreDishVersion } from '@ajimi/core/services/dishes/dish-versions';
import { knowledgeRubrics } from '@ajimi/core/services/dishes/knowledge-rubrics';
import { DISH_SORT_FIELDS, listDishes } from '@ajimi/core/services/dishes/list-dishes';
import { createDish, updateDish } from '@ajimi/core/services/dishes/save-dish';
import { actorOf, requireRole } from '../../http/authenticate';
import { parse } from '../../http/parse';
import { parseListQuery, sendList, uuidList } from '../../http/simple-rest';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const name = z.string().trim().min(1).max(80);

const rubric = z
  .object({
    expectedSeconds: z.tuple([z.number().int().min(1).max(7200), z.number().int().min(1).max(7200)]),
    motion: z.enum(['constant', 'intermittent', 'still']),
    sizzleExpected: z.boolean(),
    corePrinciple: z.string().regex(SLUG).max(80),
    watchFor: z
      .array(z.enum(FINDING_CODES))
      .min(1)
      .max(FINDING_CODES.length)
      .refine((codes) => new Set(codes).size === codes.length, 'a finding is listed twice'),
  })
  .strict();

const content = { name_ja: name, name_en: name, rubric };
export const createBody = z.object({ slug: z.string().regex(SLUG, 'lowercase words joined by hyphens, e.g. "fried-rice"').max(80), ...content }).strict();
// react-admin sends the whole record back: the read-only fields are accepted and ignored; `version`
// is the one the editor opened (a stale save is refused).
export const updateBody = z
  .object({
    ...content,
    version: z.number().int().min(0).optional(),
    id: z.string().optional(),
    slug: z.string().optional(),
    rubric_source: z.string().optional(),
    updated_by_name: z.string().nullable().optional(),
    updated_at: z.string().optional(),
  })
  .strict();
export const filter = z.object({ q: z.string().max(200).optional(), id: uuidList.optional() }).strict();
const idParam = z.object({ id: z.uuid() });
const versionParam = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });

/** Dishes (content staff and admins): names, rubric and core principle, with versions. */
export function consoleDishRoutes(deps: { knex: Knex }): Router {
  const router = Router();
  router.use(requireRole('content', 'admin'));
  router.get('/', async (req, res) => {
    const list = parseListQuery(req, { sortable: DISH_SORT_FIELDS, defaultSort: ['slug', 'ASC'], filter });
    sendList(res, 'dishes', await listDishes(deps.knex, await knowledgeRubrics(), list));
  });
  router.get('/form-options', async (_req, res) => {
    res.json(await dishFormOptions(deps.knex, FINDING_CODES));
  });
  router.get('/:id', async (req, res) => {
    res.json(await getDish(deps.knex, await knowledgeRubrics(), parse(idParam, req.params, 'dish id').id));
  });
  router.get('/:id/versions', async (req, res) => {
    res.json(await listDishVersions(deps.knex, parse(idParam, req.params, 'dish id').id));
  });
  router.post('/', async (req, res) => {
    res.status(201).json(await createDish(deps.knex, await knowledgeRubrics(), actorOf(req), parse(createBody, req.body, 'dish')));
  });
  router.put('/:id', async (req, res) => {
    const { id } = parse(idParam, req.params, 'dish id');
    const { name_ja, name_en, rubric: fields, version } = parse(updateBody, req.body, 'dish');
    res.json(await updateDish(deps.knex, await knowledgeRubrics(), actorOf(req), id, { name_ja, name_en, rubric: fields }, { expectedVersion: version }));
  });
  router.post('/:id/versions/:version/restore', async (req, res) => {
    const { id, version } = parse(versionParam, req.params, 'dish version');
    res.json(await restoreDishVersion(deps.knex, await knowledgeRubrics(), actorOf(req), id, version));
  });
  return router;
}
