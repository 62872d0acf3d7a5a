import type { Knex } from 'knex';

export const DEMO_PASSWORD_SETTING = 'demo_password';

/**
 * With demo accounts switched off (always in production), the demo users left in the database
 * from an earlier run are disabled, their open sessions revoked, and the kept demo password
 * forgotten: the documented password must never open a production instance.
 */
export async function retireDemoAccounts(knex: Knex): Promise<{ disabled: string[] }> {
  return knex.transaction(async (trx) => {
    const rows: Array<{ id: string; email: string }> = await trx('users')
      .where({ is_demo: true, disabled: false })
      .update({ disabled: true, updated_at: trx.fn.now() })
      .returning(['id', 'email']);
    await trx('user_sessions')
      .whereIn('user_id', trx('users').where({ is_demo: true }).select('id'))
      .whereNull('revoked_at')
      .update({ revoked_at: trx.fn.now() });
    await trx('app_settings').where({ key: DEMO_PASSWORD_SETTING }).delete();
    return { disabled: rows.map((r) => r.email) };
  });
}

/** What every API start does: demo accounts off (always so in production) → the demo users are retired. */
export async function enforceDemoPolicy(knex: Knex, config: { demo: { enabled: boolean } }): Promise<{ disabled: string[] }> {
  return config.demo.enabled ? { disabled: [] } : retireDemoAccounts(knex);
}
