import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from './messages';

// Every audit action and record type the server writes must read as words in both languages:
// the audit view shows the raw code otherwise (a dish restore once did, caught only by a browser sweep).
const services = path.resolve(import.meta.dirname, '../../../core/src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

function literals(pattern: RegExp): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(services)) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(pattern)) found.add(match[1]!);
  }
  return [...found].sort();
}

describe('audit labels', () => {
  const actions = literals(/action(?:: | \?\? )'([a-z_]+\.[a-z_]+)'/g);
  const entityTypes = literals(/entityType: '([a-z_]+)'/g);

  it('finds what the server records', () => {
    expect(actions).toContain('dish.restore');
    expect(entityTypes).toContain('dish');
  });

  it.each(['en', 'ja'] as const)('labels every recorded action and record type in %s', (lang) => {
    const labels = messages[lang].labels as { audit_action: Record<string, string>; entity: Record<string, string> };
    expect(actions.filter((a) => !labels.audit_action[a])).toEqual([]);
    expect(entityTypes.filter((t) => !labels.entity[t])).toEqual([]);
  });
});
