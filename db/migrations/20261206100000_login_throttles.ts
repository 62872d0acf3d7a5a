import type { Knex } from 'knex';

/**
 * login_throttles: failed sign-in attempts per account (the lower-cased e-mail, known or not), in
 * Postgres so the count is shared by every API process and survives restarts; locked_until is the
 * backoff (see core/src/services/auth/login-throttle.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_throttles', (t) => {
    t.text('account').primary();
    t.integer('failures').notNullable().defaultTo(0);
    t.timestamp('last_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('locked_until', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('login_throttles');
}
