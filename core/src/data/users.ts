/** The users aggregate: accounts of every role. */
import type { Knex } from 'knex';
import type { ModelObject } from 'objection';
import type { User } from '../models/user';

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
