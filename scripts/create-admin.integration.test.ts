import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createKnex } from '@ajimi/core/db/knex';
import { verifyPassword } from '@ajimi/core/services/auth/password-hash';

const databaseUrl = inject('databaseUrl');
const knex = createKnex(databaseUrl, { poolMax: 1 });
afterAll(() => knex.destroy());
const script = path.resolve(import.meta.dirname, 'create-admin.ts');

function run(args: string[], env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env };
  delete base.AJIMI_ADMIN_PASSWORD;
  return spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), script, ...args], {
    env: { ...base, ...env },
    encoding: 'utf8',
    cwd: import.meta.dirname, // no .env here
  });
}

// Each case starts Node processes; on a loaded machine that takes seconds each.
describe('create-admin', { timeout: 120_000 }, () => {
  it('creates an admin who can sign in with the given password, never echoing it, and refuses the same email twice', async () => {
    const email = `admin-${randomUUID()}@example.com`;
    const password = 'correct horse battery';
    const first = run([email, '管理者'], { AJIMI_ADMIN_PASSWORD: password });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).not.toContain(password);
    const row = await knex('users').where({ email }).first('role', 'name', 'password_hash');
    expect(row).toMatchObject({ role: 'admin', name: '管理者' });
    expect(await verifyPassword(password, row.password_hash)).toBe(true);
    const audit = await knex('audit_log').where({ action: 'user.create' }).whereRaw("after->>'email' = ?", [email]).first('actor_role');
    expect(audit?.actor_role).toBe('system');

    const again = run([email], { AJIMI_ADMIN_PASSWORD: password });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('generates a password and prints it once when none is given', async () => {
    const email = `admin-${randomUUID()}@example.com`;
    const out = run([email]);
    expect(out.status).toBe(0);
    const printed = /password \(shown once[^)]*\): (\S+)/.exec(out.stdout)?.[1];
    expect(printed?.length).toBeGreaterThanOrEqual(20);
    const row = await knex('users').where({ email }).first('password_hash');
    expect(await verifyPassword(printed as string, row.password_hash)).toBe(true);
  });

  it('refuses a bad email and a short password with a message in Japanese and English', () => {
    const bad = run(['not-an-email']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/メールアドレス.*not a valid email/);
    const short = run([`a-${randomUUID()}@example.com`], { AJIMI_ADMIN_PASSWORD: 'short' });
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/12/);
  });
});
