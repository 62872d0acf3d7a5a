import type { Knex } from 'knex';

/**
 * Issue 16: a principle edit is saved as a draft beside the live content and goes live only when
 * published on purpose (then re-embedded); embedded_version says which version the chunks were
 * made from, so "ready" can be read about a given version.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('principles', (t) => {
    t.jsonb('draft');
    t.integer('draft_revision').notNullable().defaultTo(0);
    t.uuid('draft_updated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('draft_updated_at', { useTz: true });
    t.integer('embedded_version');
  });
  // Chunks already stored were made from the current version (the worker re-embeds on every change).
  await knex('principles').where({ embedding_status: 'ready' }).update({ embedded_version: knex.ref('version') });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('principles', (t) => {
    t.dropColumn('embedded_version');
    t.dropColumn('draft_updated_at');
    t.dropColumn('draft_updated_by');
    t.dropColumn('draft_revision');
    t.dropColumn('draft');
  });
}
