import type { Knex } from 'knex';

/**
 * Issue 13 item 2: a coach corrects the coaching text the cook already has. Each correction is one
 * row (version 2, 3, ...) with the text it replaced, so the history is never lost; push_queued_at
 * says the cook's notification is in the push queue (a retried request never queues a second).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('coaching_text_corrections', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('coaching_text_id').notNullable().references('coaching_texts.id').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.text('body').notNullable();
    t.text('previous_body').notNullable();
    t.uuid('corrected_by').references('users.id').onDelete('SET NULL');
    t.uuid('notice_message_id').references('chat_messages.id').onDelete('SET NULL');
    t.timestamp('push_queued_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['coaching_text_id', 'version']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('coaching_text_corrections');
}
