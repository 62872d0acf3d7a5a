import type { Knex } from 'knex';
import { flagSessionForCoach } from '../../data/review-items';

/**
 * A session the analyzer could not coach: its review item (created if missing) is flagged so the
 * queue shows it first, for a coach to look at the footage and answer the cook.
 */
export async function flagForCoach(knex: Knex, sessionId: string): Promise<void> {
  await flagSessionForCoach(knex, sessionId);
}
