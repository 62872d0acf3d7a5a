/** The users aggregate: accounts of every role. */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { User } from '../models/user';
import { pageOf, type ListPage, type ListQuery } from './list-query';

export type UserRow = ModelObject<User>;
type Db = Knex | Knex.Transaction;

/** Emails compare case-insensitively. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db('users').whereRaw('lower(email) = lower(?)', [email]).first();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db('users').where({ id }).first();
}

export async function touchLastLogin(db: Db, userId: string): Promise<void> {
  await db('users').where({ id: userId }).update({ last_login_at: db.fn.now() });
}

/** A user as a person on the console (id and name). */
export async function personById(db: Db, id: string): Promise<{ id: string; name: string }> {
  const row = await db('users').where({ id }).first('id', 'name');
  return { id: row.id, name: row.name };
}

/** Locks the user's row for the rest of the transaction: serializes one user's concurrent writes. */
export async function lockUser(trx: Knex.Transaction, userId: string): Promise<Pick<UserRow, 'id' | 'email'> | undefined> {
  return trx('users').where({ id: userId }).forUpdate().first('id', 'email');
}

export async function setPasswordHash(db: Db, userId: string, hash: string): Promise<void> {
  await db('users').where({ id: userId }).update({ password_hash: hash, updated_at: db.fn.now() });
}

/** Disables every enabled demo user; returns their emails. */
export async function disableDemoUsers(db: Db): Promise<string[]> {
  const rows: Array<{ email: string }> = await db('users')
    .where({ is_demo: true, disabled: false })
    .update({ disabled: true, updated_at: db.fn.now() })
    .returning(['email']);
  return rows.map((r) => r.email);
}

export async function findUserByClerkId(db: Db, clerkUserId: string): Promise<UserRow | undefined> {
  return db('users').where({ clerk_user_id: clerkUserId }).first();
}

/** A user with this email not yet linked to any Clerk identity. */
export async function findUnlinkedUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db('users').whereRaw('lower(email) = lower(?)', [email]).whereNull('clerk_user_id').first();
}

export async function insertClerkUser(db: Db, user: { clerkUserId: string; email: string; name: string; role: UserRow['role'] }): Promise<UserRow> {
  const [row] = await db('users').insert({ clerk_user_id: user.clerkUserId, email: user.email, name: user.name, role: user.role }).returning('*');
  return row;
}

export async function updateClerkLink(db: Db, userId: string, link: { clerkUserId: string; email: string; role: UserRow['role'] }): Promise<UserRow> {
  const [row] = await db('users')
    .where({ id: userId })
    .update({ clerk_user_id: link.clerkUserId, role: link.role, email: link.email, updated_at: db.fn.now() })
    .returning('*');
  return row;
}

/** The columns the console shows of a user (never the password hash). */
export const USER_LIST_COLUMNS = ['id', 'email', 'name', 'role', 'locale', 'disabled', 'created_at', 'last_login_at'];

export interface UserListFilter {
  q?: string | undefined;
  role?: UserRow['role'] | undefined;
  id?: string[] | undefined;
  disabled?: boolean | undefined;
}

/** One page of users for the console list. */
export async function pageUsers(db: Db, list: ListQuery<UserListFilter>): Promise<ListPage<Record<string, unknown>>> {
  const query = db('users');
  const { q, role, id, disabled } = list.filter;
  if (q) {
    // q is literal text: LIKE's own wildcards in it must not widen the search.
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query.where((w) => w.whereRaw(`email ilike ? escape '\\'`, [pattern]).orWhereRaw(`name ilike ? escape '\\'`, [pattern]));
  }
  if (role) query.where({ role });
  if (id) query.whereIn('id', id);
  if (disabled !== undefined) query.where({ disabled });
  return pageOf<Record<string, unknown>>(query, list, USER_LIST_COLUMNS);
}

/** The listed columns of one user; `lock` holds the row for the rest of the transaction. */
export async function userListRow(db: Db, id: string, options: { lock?: boolean } = {}): Promise<Record<string, unknown> | undefined> {
  const query = db('users').where({ id });
  if (options.lock) query.forUpdate();
  return query.first(USER_LIST_COLUMNS);
}

export async function emailTaken(db: Db, email: string): Promise<boolean> {
  return Boolean(await db('users').whereRaw('lower(email) = lower(?)', [email]).first('id'));
}

export async function insertPasswordUser(
  db: Db,
  user: { email: string; name: string; role: UserRow['role']; locale: UserRow['locale']; passwordHash: string },
): Promise<Record<string, unknown> & { id: string }> {
  const [row] = await db('users')
    .insert({ email: user.email, name: user.name, role: user.role, locale: user.locale, password_hash: user.passwordHash })
    .returning(USER_LIST_COLUMNS);
  return row;
}

export async function patchUser(db: Db, id: string, patch: Record<string, unknown>): Promise<Record<string, unknown>> {
  const [row] = await db('users').where({ id }).update({ ...patch, updated_at: db.fn.now() }).returning(USER_LIST_COLUMNS);
  return row;
}

export async function setNameAndLocale(db: Db, userId: string, change: { name: string; locale: UserRow['locale'] }): Promise<void> {
  await db('users').where({ id: userId }).update({ name: change.name, locale: change.locale, updated_at: db.fn.now() });
}

export async function insertDemoUser(
  db: Db,
  user: { email: string; name: string; role: UserRow['role']; passwordHash: string },
): Promise<string> {
  const [row] = await db('users').insert({ email: user.email, name: user.name, role: user.role, locale: 'ja', password_hash: user.passwordHash, is_demo: true }).returning('id');
  return row.id as string;
}

export async function setUserDisabled(db: Db, userId: string, disabled: boolean): Promise<void> {
  await db('users').where({ id: userId }).update({ disabled, updated_at: db.fn.now() });
}

export async function findDemoUser(db: Db, email: string): Promise<{ id: string } | undefined> {
  return db('users').where({ email, is_demo: true }).first('id');
}

/** Display names of the given users (unknown ids left out). */
export async function userNamesByIds(db: Db, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const rows: Array<{ id: string; name: string }> = wanted.length ? await db('users').whereIn('id', wanted).select('id', 'name') : [];
  return new Map(rows.map((u) => [u.id, u.name]));
}
