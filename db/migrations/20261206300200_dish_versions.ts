import type { Knex } from 'knex';

/**
 * Issue 16: content staff edit dishes in the console (names, rubric, core principle). The rubric
 * lives on the dish row once edited (knowledge/dishes.yaml stays the seed and the fallback), and
 * every save is a version in dish_versions, so history is visible and a version can be restored.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('dishes', (t) => {
    t.jsonb('rubric');
    t.integer('version').notNullable().defaultTo(0);
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
  });
  await knex.schema.createTable('dish_versions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('dish_id').notNullable().references('dishes.id').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.jsonb('snapshot').notNullable();
    t.uuid('edited_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['dish_id', 'version']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('dish_versions');
  await knex.schema.alterTable('dishes', (t) => {
    t.dropColumn('updated_by');
    t.dropColumn('version');
    t.dropColumn('rubric');
  });
}
