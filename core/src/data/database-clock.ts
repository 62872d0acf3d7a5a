/** Questions for the database itself rather than an aggregate: is it there, and what time is it there. */
import type { Knex } from 'knex';

/** Throws when the database cannot answer. */
export async function pingDatabase(knex: Knex): Promise<void> {
  await knex.raw('select 1');
}

/** The database's clock: event cursors compare with row timestamps, so they use the same clock. */
export async function databaseNow(knex: Knex): Promise<Date> {
  const result = await knex.raw('select now() as now');
  return new Date(result.rows[0].now as string);
}
