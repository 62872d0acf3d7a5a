import type { Knex } from 'knex';

/**
 * live_signal_parts: Cook Cam's signals measured while the video is still being filmed and
 * uploaded (tus with a deferred length), one row per stretch [start_sec, end_sec) of the upload
 * `upload_id`. At "stop" the ingest measures only the tail and joins these parts
 * (core/src/services/pipeline/extract-live-signals.ts, ingest-video.ts); then they are removed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('live_signal_parts', (t) => {
    t.uuid('session_id').notNullable().references('cooking_sessions.id').onDelete('CASCADE');
    t.text('upload_id').notNullable();
    t.integer('start_sec').notNullable();
    t.integer('end_sec').notNullable();
    t.jsonb('signals').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['session_id', 'upload_id', 'start_sec']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('live_signal_parts');
}
