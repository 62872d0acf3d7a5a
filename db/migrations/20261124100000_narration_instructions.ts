import type { Knex } from 'knex';

/**
 * A script drafted again after a coach sent the video back keeps the coach's instructions and
 * what the drafter did with them (offline: which instructions it could apply; Gemini: passed on).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('narration_scripts', (t) => {
    t.text('instructions');
    t.jsonb('instructions_report');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('narration_scripts', (t) => {
    t.dropColumn('instructions_report');
    t.dropColumn('instructions');
  });
}
