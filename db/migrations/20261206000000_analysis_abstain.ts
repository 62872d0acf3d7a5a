import type { Knex } from 'knex';

/**
 * Issue 12: a review item whose clip the analyzer could not coach is flagged for a coach's eye
 * (sorted first in the queue); the ingest's 0.25 s signal track (motion grid, near-lens cover,
 * sound texture) and per-second frying probability are kept beside the per-second rows.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('review_items', (t) => {
    t.boolean('needs_coach').notNullable().defaultTo(false);
  });
  await knex.schema.createTable('session_signal_tracks', (t) => {
    t.uuid('session_id').primary().references('id').inTable('cooking_sessions').onDelete('CASCADE');
    t.jsonb('fine').notNullable();
    t.jsonb('fine_windows');
    t.jsonb('frying');
    t.jsonb('sampling').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('session_signal_tracks');
  await knex.schema.alterTable('review_items', (t) => {
    t.dropColumn('needs_coach');
  });
}
