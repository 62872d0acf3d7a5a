import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderLicensesDoc } from './licenses-doc';
import { productionPackages } from './production-licenses';

const root = path.resolve(import.meta.dirname, '../..');

describe('production dependency licences', () => {
  const packages = productionPackages(root);

  it('every production dependency has a licence Ajimi (AGPL-3.0-or-later) can ship with, Remotion named apart', () => {
    expect(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).license).toBe('AGPL-3.0-or-later');
    expect(fs.readFileSync(path.join(root, 'LICENSE'), 'utf8')).toMatch(/^GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007/);
    expect(packages.length).toBeGreaterThan(100);
    expect(packages.filter((p) => p.verdict === 'unknown').map((p) => `${p.name}@${p.version}: ${p.license}`)).toEqual([]);
    expect(packages.some((p) => p.name === 'tsx' && p.workspaces === 'server')).toBe(true);
  });

  it('Remotion is front-end only: nothing the server image installs is Remotion', () => {
    const remotion = packages.filter((p) => p.verdict === 'remotion');
    expect(remotion.map((p) => p.name)).toContain('@remotion/player');
    expect(remotion.filter((p) => p.workspaces === 'server')).toEqual([]);
  });

  it('docs/LICENSES.md is current (node --import tsx scripts/licenses/write-licenses-doc.ts)', () => {
    expect(fs.readFileSync(path.join(root, 'docs/LICENSES.md'), 'utf8')).toBe(renderLicensesDoc(root));
  });
});
