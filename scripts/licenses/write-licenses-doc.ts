/** `node --import tsx scripts/licenses/write-licenses-doc.ts`: rewrites docs/LICENSES.md from package-lock.json. */
import fs from 'node:fs';
import path from 'node:path';
import { renderLicensesDoc } from './licenses-doc';

const root = path.resolve(import.meta.dirname, '../..');
fs.writeFileSync(path.join(root, 'docs/LICENSES.md'), renderLicensesDoc(root));
console.log('docs/LICENSES.md written');
