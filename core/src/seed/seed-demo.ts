import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Role } from '../domain/roles';
import { getOrCreateSetting } from '../data/app-settings';
import { hashPassword, verifyPassword } from '../services/auth/password-hash';
import { DEMO_PASSWORD_SETTING, retireDemoAccounts } from '../services/auth/demo-accounts';
import { ensureLearnerRooms } from '../data/chat-rooms';
import { DISHES } from './dishes';
import { importKnowledge } from '../services/knowledge/import-knowledge';
import { loadKnowledge } from '../services/knowledge/load-knowledge';
import { insertMissingDishes } from '../data/dishes';
import { findUserByEmail, insertDemoUser, setPasswordHash, setUserDisabled } from '../data/users';

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: 'learner@ajimi.local', name: '田中 ゆい', role: 'learner' },
  { email: 'coach@ajimi.local', name: '佐藤 健 (Coach)', role: 'coach' },
  { email: 'content@ajimi.local', name: '鈴木 花 (Content)', role: 'content' },
  { email: 'admin@ajimi.local', name: 'Admin', role: 'admin' },
];

export interface SeedReport {
  dishesAdded: number;
  knowledge: { created: number; updated: number; unchanged: number; skipped: string[] };
  demo: { password: string; accounts: typeof DEMO_ACCOUNTS; created: string[] } | null;
}

/** Idempotent: a second run adds nothing and changes nothing, except a changed AJIMI_DEMO_PASSWORD or knowledge/ file. */
export async function seed(knex: Knex, options: { demoAccounts: boolean; demoPassword: string | undefined }): Promise<SeedReport> {
  const dishesAdded = await insertMissingDishes(knex, DISHES);
  // knowledge/ is imported on every start; principles edited in the console are left alone.
  // Their embeddings are (re)made by the worker's reembed jobs.
  const imported = await importKnowledge(knex, await loadKnowledge());
  const knowledge = {
    created: imported.created.length,
    updated: imported.updated.length,
    unchanged: imported.unchanged,
    skipped: imported.skipped.map((s) => `${s.slug}: ${s.reason}`),
  };
  if (!options.demoAccounts) {
    await retireDemoAccounts(knex);
    return { dishesAdded, knowledge, demo: null };
  }

  // Generated once and kept, so every start prints the same password for the demo accounts.
  const password =
    options.demoPassword ??
    (await getOrCreateSetting(knex, DEMO_PASSWORD_SETTING, () => randomBytes(9).toString('base64url')));
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const existing = await findUserByEmail(knex, account.email);
    if (!existing) {
      const userId = await insertDemoUser(knex, { ...account, passwordHash: await hashPassword(password) });
      if (account.role === 'learner') await ensureLearnerRooms(knex, userId);
      created.push(account.email);
    } else if (existing.is_demo) {
      // Demo accounts switched back on (a development database) are usable again.
      if (existing.disabled) await setUserDisabled(knex, existing.id, false);
      if (!(await verifyPassword(password, existing.password_hash ?? ''))) {
        await setPasswordHash(knex, existing.id, await hashPassword(password));
      }
    }
  }
  return { dishesAdded, knowledge, demo: { password, accounts: DEMO_ACCOUNTS, created } };
}
