import type { Knex } from 'knex';
import type { PgBoss } from 'pg-boss';
import { bossQueue } from '@ajimi/core/queue/job-queue';
import { queueStaleEmbeddings } from '@ajimi/core/services/pipeline/reembed-principle';
import { waitFor } from './wait-for';

/**
 * Retrieval needs the knowledge base embedded. Other suites share the database and add principles
 * while this waits: keep queueing, as the worker's sweeper does.
 */
export async function waitForPrinciplesEmbedded(knex: Knex, boss: PgBoss, model: string): Promise<void> {
  await waitFor(
    'principles embedded',
    async () => {
      await queueStaleEmbeddings(knex, bossQueue(boss), model);
      return Number((await knex('principles').whereIn('embedding_status', ['pending', 'embedding']).count({ n: '*' }).first())?.n) === 0;
    },
    90_000,
  );
}
