import type { Knex } from 'knex';

/**
 * renders.updated_at: touched with every progress write, so a render left 'rendering' by a
 * worker that died can be told from one that is still working (see fail-abandoned-renders.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('renders', (t) => {
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['status', 'updated_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('renders', (t) => {
    t.dropIndex(['status', 'updated_at']);
    t.dropColumn('updated_at');
  });
}
