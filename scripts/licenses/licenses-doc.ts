import { productionPackages, type ProductionPackage } from './production-licenses';

/** docs/LICENSES.md: a summary by licence, then every production package. */
export function renderLicensesDoc(root: string): string {
  const packages = productionPackages(root);
  const count = (list: ProductionPackage[]) => {
    const by = new Map<string, number>();
    for (const p of list) by.set(p.license, (by.get(p.license) ?? 0) + 1);
    return [...by.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  const server = packages.filter((p) => p.workspaces === 'server');
  const lines = [
    '# Licences of the production dependencies',
    '',
    'Generated from package-lock.json by `node --import tsx scripts/licenses/write-licenses-doc.ts`;',
    '`scripts/licenses/licenses.test.ts` fails when it is stale or when a dependency\'s licence is not one',
    'Ajimi\'s AGPL-3.0-or-later can ship with. Development-only tools (vite, vitest, eslint, TypeScript…) are not listed.',
    '',
    `- ${packages.length} production packages (every workspace, every platform's optional binaries);`,
    `  ${server.length} of them are in the server image (\`server\`: core, api, jobs), the rest are bundled into the`,
    '  front-ends at build time (`front-end`: console, learner-app, remotion).',
    '- Remotion (`remotion`, `@remotion/*`) is source-available under the Remotion License, not open source; it is',
    '  used only by the console\'s live preview and is not in the server image. Who needs its company licence: see',
    '  the README, "Licence".',
    '',
    '| licence | packages | in the server image |',
    '|---|---:|---:|',
    ...count(packages).map(([license, n]) => `| ${license} | ${n} | ${server.filter((p) => p.license === license).length} |`),
    '',
    '| package | version | licence | where |',
    '|---|---|---|---|',
    ...packages.map((p) => `| ${p.name} | ${p.version} | ${p.license} | ${p.workspaces} |`),
    '',
  ];
  return lines.join('\n');
}
