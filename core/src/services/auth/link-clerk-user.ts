import type { Knex } from 'knex';
import type { Role } from '../../domain/roles';
import { ensureLearnerRooms } from '../../data/chat-rooms';
import { findUnlinkedUserByEmail, findUserByClerkId, insertClerkUser, updateClerkLink } from '../../data/users';
import { toPublicUser, type PublicUser } from './public-user';

/**
 * The local user row for a Clerk identity: found by Clerk id, else linked by email, else created.
 * Clerk's public metadata is the source of truth for the role. Disabled users get no session.
 */
export async function linkClerkUser(
  knex: Knex,
  identity: { clerkUserId: string; email: string; name: string; role: Role },
): Promise<PublicUser | undefined> {
  try {
    return await linkOnce(knex, identity);
  } catch (error) {
    // A new identity's first requests often arrive together (an app loading several resources):
    // the loser of the insert race finds the winner's row on a second pass.
    if ((error as { code?: string }).code === '23505') return linkOnce(knex, identity);
    throw error;
  }
}

function linkOnce(knex: Knex, identity: { clerkUserId: string; email: string; name: string; role: Role }): Promise<PublicUser | undefined> {
  return knex.transaction(async (trx) => {
    let user = (await findUserByClerkId(trx, identity.clerkUserId)) ?? (await findUnlinkedUserByEmail(trx, identity.email));
    if (!user) {
      user = await insertClerkUser(trx, identity);
    } else if (user.clerk_user_id !== identity.clerkUserId || user.role !== identity.role || user.email !== identity.email) {
      user = await updateClerkLink(trx, user.id, identity);
    }
    if (user.disabled) return undefined;
    if (user.role === 'learner') await ensureLearnerRooms(trx, user.id);
    return toPublicUser(user);
  });
}
