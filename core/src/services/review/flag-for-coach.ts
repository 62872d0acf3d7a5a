import type { Knex } from 'knex';

/**
 * A session the analyzer could not coach: its review item (created if missing) is flagged so the
 * queue shows it first, for a coach to look at the footage and answer the cook.
 */
export async function flagForCoach(knex: Knex, sessionId: string): Promise<void> {
  await knex('review_items').insert({ session_id: sessionId, status: 'pending', needs_coach: true }).onConflict('session_id').merge(['needs_coach']);
}
