import type { Knex } from 'knex';

/**
 * Issue 16: a failed session keeps the stable code of its failure (e.g. not_media), so Operations
 * can tell a permanent rejection of the cook's file from a transient fault and hint accordingly.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cooking_sessions', (t) => {
    t.text('failure_code');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cooking_sessions', (t) => {
    t.dropColumn('failure_code');
  });
}
