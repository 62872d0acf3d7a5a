import type { Knex } from 'knex';
import type { Role } from '../../domain/roles';
import { ensureLearnerRooms } from '../../data/chat-rooms';
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
    let user = await trx('users').where({ clerk_user_id: identity.clerkUserId }).first();
    if (!user) {
      user = await trx('users').whereRaw('lower(email) = lower(?)', [identity.email]).whereNull('clerk_user_id').first();
    }
    if (!user) {
      [user] = await trx('users')
        .insert({ clerk_user_id: identity.clerkUserId, email: identity.email, name: identity.name, role: identity.role })
        .returning('*');
    } else if (user.clerk_user_id !== identity.clerkUserId || user.role !== identity.role || user.email !== identity.email) {
      [user] = await trx('users')
        .where({ id: user.id })
        .update({ clerk_user_id: identity.clerkUserId, role: identity.role, email: identity.email, updated_at: trx.fn.now() })
        .returning('*');
    }
    if (user.disabled) return undefined;
    if (user.role === 'learner') await ensureLearnerRooms(trx, user.id);
    return toPublicUser(user);
  });
}
