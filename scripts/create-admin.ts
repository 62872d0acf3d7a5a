/**
 * `npm run create-admin -- EMAIL [NAME]`: the first admin of a deployment without demo accounts
 * (production) or Clerk. The password comes from AJIMI_ADMIN_PASSWORD (12+ characters) or is
 * generated and printed once, never logged. On Cloud Run: the migrate job with other arguments
 * (docs/DEPLOY.md). Refuses an email that already has an account.
 */
import '@ajimi/core/load-env-file'; // first: .env fills what the environment leaves unset
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { loadConfig } from '@ajimi/core/config';
import { connectDatabase } from '@ajimi/core/db/database';
import { requireDatabaseUrl } from '@ajimi/core/process';
import { createUser } from '@ajimi/core/services/users/manage-users';

const args = z
  .tuple([z.string().email('メールアドレスが正しくありません / not a valid email'), z.string().min(1).max(100).optional()])
  .safeParse(process.argv.slice(2));
if (!args.success) {
  console.error('使い方 / usage: npm run create-admin -- EMAIL [NAME]\n' + args.error.issues.map((i) => `  ${i.message}`).join('\n'));
  process.exit(2);
}
const [email, name] = args.data;
const given = process.env.AJIMI_ADMIN_PASSWORD;
if (given !== undefined && given.length < 12) {
  console.error('AJIMI_ADMIN_PASSWORD は12文字以上にしてください / must be at least 12 characters');
  process.exit(2);
}
const password = given ?? randomBytes(18).toString('base64url');

const config = loadConfig();
const db = connectDatabase(requireDatabaseUrl(config), { poolMax: 1 });
try {
  const user = await createUser(db.knex, { userId: null, role: 'system' }, { email, name: name ?? email, role: 'admin', locale: 'ja', password });
  console.log(`admin created: ${user.email}`);
  if (given === undefined) console.log(`password (shown once, change it after signing in): ${password}`);
} catch (error) {
  console.error(`管理者を作成できません / could not create the admin: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
