/**
 * Prints the authorization matrix as Markdown, read from its source: the rows in
 * api/src/authorization.integration.test.ts and every test-support/authorization/*.matrix.ts
 * (object literals with `route` and `expect: s([...])`), so the table is what the test asserts.
 *
 *   node_modules/.bin/node --import tsx scripts/reliability/authz-table.ts > /tmp/authz.md
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '../..');
const CALLERS = ['anonymous', 'cook A', 'cook B', 'coach', 'content', 'admin'];
const files = [
  'api/src/authorization.integration.test.ts',
  ...fs
    .readdirSync(path.join(root, 'test-support/authorization'))
    .filter((f) => f.endsWith('.matrix.ts'))
    .sort()
    .map((f) => `test-support/authorization/${f}`),
];

interface Row {
  area: string;
  request: string;
  statuses: string[];
  code: string;
}

function text(node: ts.Node, source: ts.SourceFile): string {
  return node.getText(source).replace(/\s+/g, ' ');
}

function rowsOf(file: string): Row[] {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const area = file.endsWith('.matrix.ts') ? path.basename(file, '.matrix.ts') : 'core';
  const rows: Row[] = [];
  // Shared expectations: `const ALLOWED = s([...])`.
  const named = new Map<string, ts.ArrayLiteralExpression>();
  const collect = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isCallExpression(node.initializer)) {
      const arg = node.initializer.arguments[0];
      if (arg && ts.isArrayLiteralExpression(arg)) named.set(node.name.text, arg);
    }
    ts.forEachChild(node, collect);
  };
  collect(source);
  const statusesOf = (e: ts.Expression): ts.ArrayLiteralExpression | undefined => {
    if (ts.isIdentifier(e)) return named.get(e.text);
    const arg = ts.isCallExpression(e) ? e.arguments[0] : undefined;
    return arg && ts.isArrayLiteralExpression(arg) ? arg : undefined;
  };
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const prop = (name: string) => node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === name)?.initializer;
      const route = prop('route');
      const expected = prop('expect');
      const statuses = expected && statusesOf(expected);
      if (route && statuses) {
        const request = prop('request');
        const routeText = ts.isStringLiteral(route) ? route.text : null;
        let shown = routeText ?? '';
        if (request) {
          // A literal request line, or the template a function builds (e.g. `GET ${f.signedMediaUrl}`).
          const r = ts.isStringLiteral(request) ? request.text : text(request, source).replace(/^\(?\w*\)?\s*=>\s*/, '').replace(/^`|`$/g, '');
          shown = routeText ? `${routeText} — sent as ${r}` : r;
        }
        const code = prop('code');
        rows.push({
          area,
          request: shown,
          statuses: statuses.elements.map((e) => e.getText(source)),
          code: code && ts.isStringLiteral(code) ? code.text : '',
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return rows;
}

const rows = files.flatMap(rowsOf);
const cell = (s: string) => s.replace(/\|/g, '\\|');
const out = [
  `| area | request | ${CALLERS.join(' | ')} | error code |`,
  `|---|---|${CALLERS.map(() => '---').join('|')}|---|`,
  ...rows.map((r) => `| ${r.area} | \`${cell(r.request)}\` | ${r.statuses.join(' | ')} | ${cell(r.code)} |`),
];
console.log(out.join('\n'));
console.error(`${rows.length} rows from ${files.length} files`);
