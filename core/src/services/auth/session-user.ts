import type { Knex } from 'knex';
import { liveSessionUser } from '../../data/user-sessions';
import { toPublicUser, type PublicUser } from './public-user';

/** The user behind a sign-in session (every request's user), or null when it is unknown, revoked, expired or disabled. */
export async function findSessionUser(knex: Knex, sessionId: string): Promise<PublicUser | null> {
  const row = await liveSessionUser(knex, sessionId);
  return row ? toPublicUser(row) : null;
}
