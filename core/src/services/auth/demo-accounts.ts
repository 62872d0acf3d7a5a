import type { Knex } from 'knex';
import { deleteSetting } from '../../data/app-settings';
import { revokeDemoSessions } from '../../data/user-sessions';
import { disableDemoUsers } from '../../data/users';

export const DEMO_PASSWORD_SETTING = 'demo_password';

/**
 * With demo accounts switched off (always in production), the demo users left in the database
 * from an earlier run are disabled, their open sessions revoked, and the kept demo password
 * forgotten: the documented password must never open a production instance.
 */
export async function retireDemoAccounts(knex: Knex): Promise<{ disabled: string[] }> {
  return knex.transaction(async (trx) => {
    const disabled = await disableDemoUsers(trx);
    await revokeDemoSessions(trx);
    await deleteSetting(trx, DEMO_PASSWORD_SETTING);
    return { disabled };
  });
}

/** What every API start does: demo accounts off (always so in production) → the demo users are retired. */
export async function enforceDemoPolicy(knex: Knex, config: { demo: { enabled: boolean } }): Promise<{ disabled: string[] }> {
  return config.demo.enabled ? { disabled: [] } : retireDemoAccounts(knex);
}
