/** `npm run migrate` (latest) or `npm run migrate -- down` (roll back everything). */
import '@ajimi/core/load-env-file'; // first: .env fills what the environment leaves unset
import { loadConfig } from '@ajimi/core/config';
import { connectDatabase } from '@ajimi/core/db/database';
import { prepareDatabase } from '@ajimi/core/seed/prepare-database';
import { rollbackAll } from '@ajimi/core/db/migrate';
import { requireDatabaseUrl } from '@ajimi/core/process';

const config = loadConfig();
const db = connectDatabase(requireDatabaseUrl(config), { poolMax: 2 });
try {
  if (process.argv[2] === 'down') console.log('rolled back:', await rollbackAll(db.knex));
  else {
    const { migrated, seed } = await prepareDatabase(db.knex, config);
    console.log('applied:', migrated.length ? migrated : 'nothing (up to date)');
    if (seed.demo?.created.length) console.log('demo accounts created:', seed.demo.created.join(', '));
  }
} finally {
  await db.close();
}
