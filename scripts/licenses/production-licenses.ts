/**
 * The licence of every production dependency, read from package-lock.json (what `npm ci --omit=dev`
 * installs, every workspace, every platform's optional binary), and whether it can ship next to
 * Ajimi's AGPL-3.0-or-later. docs/LICENSES.md is written from this (write-licenses-doc.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

/** SPDX identifiers whose terms the AGPL-3.0 accepts in a combined work (FSF's compatibility list). */
export const COMPATIBLE = new Set([
  'MIT',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'Apache-2.0',
  'MPL-2.0', // section 3.3: "Secondary Licenses" include the GPL family
  'Unlicense',
  'CC0-1.0',
  'BlueOak-1.0.0',
  'CC-BY-4.0', // caniuse-lite's browser data; FSF lists CC BY 4.0 as GPLv3-compatible
  'Python-2.0',
  'BSD-3-Clause OR MIT',
]);

/** Packages whose lockfile entry names no SPDX licence, read from their own files. */
const READ_BY_HAND: Record<string, { license: string; source: string }> = {
  'combine-errors': { license: 'MIT', source: 'Readme.md, "License: MIT"' },
  'css-mediaquery': { license: 'BSD-3-Clause', source: 'LICENSE: the three-clause BSD text (Yahoo! Inc.)' },
};

/** Remotion's packages: source-available under the Remotion License (https://remotion.dev/license). */
export function isRemotion(name: string): boolean {
  return name === 'remotion' || name.startsWith('@remotion/');
}

interface LockEntry {
  version?: string;
  license?: string;
  dev?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface ProductionPackage {
  name: string;
  version: string;
  license: string;
  /** compatible: SPDX licence(s) the AGPL accepts; remotion: see README "Licence"; unknown: a problem. */
  verdict: 'compatible' | 'remotion' | 'unknown';
  workspaces: 'server' | 'front-end';
}

/** "(MIT OR CC0-1.0)": compatible when one of the choices is. */
function acceptable(license: string): boolean {
  const bare = license.replace(/^\((.*)\)$/, '$1');
  if (COMPATIBLE.has(bare)) return true;
  return bare.split(/\s+OR\s+/).some((choice) => COMPATIBLE.has(choice.trim()));
}

export function productionPackages(root: string): ProductionPackage[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const server = serverPackages(lock.packages);
  const byName = new Map<string, ProductionPackage>();
  for (const [location, entry] of Object.entries(lock.packages)) {
    if (!location.includes('node_modules/') || entry.dev || entry.link) continue;
    const name = location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (name.startsWith('@ajimi/')) continue;
    const license = isRemotion(name) ? 'Remotion License' : (READ_BY_HAND[name]?.license ?? entry.license ?? 'UNKNOWN');
    const verdict = isRemotion(name) ? 'remotion' : acceptable(license) ? 'compatible' : 'unknown';
    const key = `${name}@${entry.version}`;
    byName.set(key, { name, version: entry.version ?? '?', license, verdict, workspaces: server.has(location) ? 'server' : 'front-end' });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** Locations `npm ci --omit=dev -w core -w api -w jobs --include-workspace-root` installs (the image's runtime). */
function serverPackages(packages: Record<string, LockEntry>): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  const start = (ws: string) => {
    const entry = packages[ws];
    for (const dep of Object.keys({ ...entry?.dependencies, ...entry?.optionalDependencies })) queue.push(resolve(ws, dep));
  };
  const resolve = (from: string, dep: string): string => {
    // Node's lookup: the nearest node_modules up the tree.
    let dir = from;
    for (;;) {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${dep}`;
      if (packages[candidate]) return candidate;
      if (!dir) return candidate;
      const up = dir.lastIndexOf('/node_modules/');
      dir = up >= 0 ? dir.slice(0, up) : '';
    }
  };
  for (const ws of ['', 'core', 'api', 'jobs']) start(ws);
  while (queue.length) {
    const location = queue.pop() as string;
    if (seen.has(location) || !packages[location]) continue;
    seen.add(location);
    const entry = packages[location];
    for (const dep of Object.keys({ ...entry?.dependencies, ...entry?.optionalDependencies, ...entry?.peerDependencies })) {
      queue.push(resolve(location, dep));
    }
  }
  return seen;
}
