import type { Knex } from 'knex';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import type { Locale, Role } from '../../domain/roles';
import { recordAudit, type Actor } from '../../data/audit-log';
import { hashPassword } from '../auth/password-hash';
import { ensureLearnerRooms } from '../../data/chat-rooms';
import type { ListPage, ListQuery } from '../../data/list-query';
import { revokeSessionsOf } from '../../data/user-sessions';
import { emailTaken, insertPasswordUser, pageUsers, patchUser, userListRow } from '../../data/users';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  disabled: boolean;
  created_at: string;
  last_login_at: string | null;
}

// 'id' is react-admin's default sort.
export const USER_SORT_FIELDS = ['id', 'email', 'name', 'role', 'created_at', 'last_login_at'] as const;

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  id?: string[] | undefined;
  disabled?: boolean | undefined;
}

function toRecord(row: Record<string, unknown>): UserRecord {
  const date = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return { ...(row as unknown as UserRecord), created_at: date(row.created_at) as string, last_login_at: date(row.last_login_at) };
}

export async function listUsers(knex: Knex, list: ListQuery<UserFilter>): Promise<ListPage<UserRecord>> {
  const page = await pageUsers(knex, list);
  return { ...page, rows: page.rows.map(toRecord) };
}

export async function getUser(knex: Knex, id: string): Promise<UserRecord> {
  const row = await userListRow(knex, id);
  if (!row) throw new NotFoundError('User');
  return toRecord(row);
}

export async function createUser(
  knex: Knex,
  actor: Actor,
  input: { email: string; name: string; role: Role; locale: Locale; password: string },
): Promise<UserRecord> {
  const passwordHash = await hashPassword(input.password);
  const created = knex.transaction(async (trx) => {
    if (await emailTaken(trx, input.email)) throw new ConflictError('A user with this email already exists.', 'email_taken');
    const row = await insertPasswordUser(trx, { ...input, passwordHash });
    if (input.role === 'learner') await ensureLearnerRooms(trx, row.id);
    const record = toRecord(row);
    await recordAudit(trx, actor, { action: 'user.create', entityType: 'user', entityId: record.id, after: record });
    return record;
  });
  // Two creations racing past the check above: the unique index decides, and the loser is told so.
  return created.catch((error: unknown) => {
    const pg = error as { code?: string; constraint?: string };
    if (pg.code === '23505' && pg.constraint === 'users_email_lower_unique') throw new ConflictError('A user with this email already exists.', 'email_taken');
    throw error;
  });
}

export async function updateUser(
  knex: Knex,
  actor: Actor,
  id: string,
  changes: { name?: string | undefined; role?: Role | undefined; locale?: Locale | undefined; disabled?: boolean | undefined },
  action: 'user.update' | 'user.disable' = 'user.update',
): Promise<UserRecord> {
  if (id === actor.userId && (changes.disabled === true || (changes.role && changes.role !== 'admin'))) {
    throw new ValidationError('You cannot disable yourself or take away your own admin role.');
  }
  return knex.transaction(async (trx) => {
    const before = await userListRow(trx, id, { lock: true });
    if (!before) throw new NotFoundError('User');
    const patch = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    const row = Object.keys(patch).length ? await patchUser(trx, id, patch) : before;
    if (patch.disabled === true) await revokeSessionsOf(trx, id);
    if (row.role === 'learner') await ensureLearnerRooms(trx, id);
    const after = toRecord(row);
    await recordAudit(trx, actor, { action, entityType: 'user', entityId: id, before: toRecord(before), after });
    return after;
  });
}

/** Users are disabled, never deleted: their sessions, edits and audit trail stay intact. */
export async function disableUser(knex: Knex, actor: Actor, id: string): Promise<UserRecord> {
  return updateUser(knex, actor, id, { disabled: true }, 'user.disable');
}
