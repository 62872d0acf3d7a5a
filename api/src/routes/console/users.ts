import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { LOCALES, ROLES } from '@ajimi/core/domain/roles';
import { USER_SORT_FIELDS, createUser, disableUser, getUser, listUsers, updateUser } from '@ajimi/core/services/users/manage-users';
import { MIN_PASSWORD_LENGTH, resetPassword } from '@ajimi/core/services/auth/change-password';
import { actorOf, requireRole } from '../../http/authenticate';
import { parse } from '../../http/parse';
import { parseListQuery, sendList, uuidList } from '../../http/simple-rest';

export const filter = z
  .object({
    q: z.string().max(200).optional(),
    role: z.enum(ROLES).optional(),
    id: uuidList.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

export const createBody = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(120),
    role: z.enum(ROLES),
    locale: z.enum(LOCALES).default('ja'),
    password: z.string().min(12).max(1024),
  })
  .strict();

// react-admin's edit form sends the whole record back; read-only fields are accepted and ignored.
export const updateBody = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    role: z.enum(ROLES).optional(),
    locale: z.enum(LOCALES).optional(),
    disabled: z.boolean().optional(),
    id: z.string().optional(),
    email: z.string().optional(),
    created_at: z.string().nullable().optional(),
    last_login_at: z.string().nullable().optional(),
  })
  .strict();

const idParam = z.object({ id: z.uuid() });

export const passwordBody = z.object({ newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(1024) }).strict();

export function userRoutes(deps: { knex: Knex }): Router {
  const router = Router();
  router.use(requireRole('admin'));
  router.get('/', async (req, res) => {
    const list = parseListQuery(req, { sortable: USER_SORT_FIELDS, defaultSort: ['created_at', 'ASC'], filter });
    sendList(res, 'users', await listUsers(deps.knex, list));
  });
  router.get('/:id', async (req, res) => {
    res.json(await getUser(deps.knex, parse(idParam, req.params, 'user id').id));
  });
  router.post('/', async (req, res) => {
    res.status(201).json(await createUser(deps.knex, actorOf(req), parse(createBody, req.body, 'user')));
  });
  router.put('/:id', async (req, res) => {
    const { id } = parse(idParam, req.params, 'user id');
    const { name, role, locale, disabled } = parse(updateBody, req.body, 'user');
    res.json(await updateUser(deps.knex, actorOf(req), id, { name, role, locale, disabled }));
  });
  // An admin sets a new password for a user who lost theirs; the user's sessions end.
  router.post('/:id/password', async (req, res) => {
    const { id } = parse(idParam, req.params, 'user id');
    const { newPassword } = parse(passwordBody, req.body, 'password');
    await resetPassword(deps.knex, actorOf(req), id, newPassword);
    res.status(204).end();
  });
  router.delete('/:id', async (req, res) => {
    res.json(await disableUser(deps.knex, actorOf(req), parse(idParam, req.params, 'user id').id));
  });
  return router;
}
