/**
 * `npm test`: lint, typecheck, build the front-ends, unit + integration tests on the real embedded
 * Postgres, then browser tests in Debian's Chromium against the real product. Every step runs;
 * the exit code is non-zero when any fails. Ends with one "N passed, N failed" line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const node = process.execPath;
const bin = (pkg: string, file: string) => path.join(root, 'node_modules', pkg, file);
const reports = path.join(root, '.tmp');
fs.mkdirSync(reports, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs just that step

interface Step {
  name: string;
  args: string[];
  cwd?: string;
  report?: string;
}
const steps: Step[] = [
  { name: 'lint', args: [bin('eslint', 'bin/eslint.js'), '.', '--max-warnings=0'] },
  { name: 'typecheck', args: [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json'] },
  { name: 'typecheck-console', args: [bin('typescript', 'bin/tsc'), '-p', 'console'] },
  { name: 'typecheck-learner-app', args: [bin('typescript', 'bin/tsc'), '-p', 'learner-app'] },
  { name: 'typecheck-remotion', args: [bin('typescript', 'bin/tsc'), '-p', 'remotion'] },
  { name: 'build-console', args: [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'], cwd: 'console' },
  { name: 'build-learner-app', args: [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn'], cwd: 'learner-app' },
  { name: 'unit', report: 'vitest-unit.json', args: [bin('vitest', 'vitest.mjs'), 'run'] },
  { name: 'e2e', report: 'vitest-e2e.json', args: [bin('vitest', 'vitest.mjs'), 'run', '-c', 'vitest.e2e.config.ts'] },
  // The Dockerfile replayed without Docker: install, build, start API + worker, healthchecks (about 4 min).
  { name: 'container', args: ['--import', 'tsx', 'scripts/container-check.ts'] },
];

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  testResults?: Array<{ name: string; assertionResults?: Array<{ fullName: string; status: string; failureMessages?: string[] }> }>;
}
const results: Array<{ name: string; ok: boolean; seconds: number; passed?: number; failed?: number; failures?: string[] }> = [];

/** The failed tests of a report, one line each (file, test, first line of the error), so the run's tail names them. */
function failuresOf(report: VitestReport): string[] {
  const lines: string[] = [];
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      const reason = (test.failureMessages?.[0] ?? '').split('\n')[0]!.slice(0, 240);
      lines.push(`${path.relative(root, file.name)} › ${test.fullName}: ${reason}`);
    }
  }
  return lines;
}
for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  const args = [...step.args];
  if (step.report) {
    fs.rmSync(path.join(reports, step.report), { force: true });
    args.push('--reporter=default', '--reporter=json', `--outputFile.json=${path.join(reports, step.report)}`);
  }
  console.log(`\n▶ ${step.name}`);
  const started = Date.now();
  const run = spawnSync(node, args, { cwd: path.join(root, step.cwd ?? ''), stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  const result: (typeof results)[number] = { name: step.name, ok: run.status === 0, seconds: (Date.now() - started) / 1000 };
  if (step.report && fs.existsSync(path.join(reports, step.report))) {
    const json = JSON.parse(fs.readFileSync(path.join(reports, step.report), 'utf8')) as VitestReport;
    result.passed = json.numPassedTests;
    result.failed = json.numFailedTests;
    result.failures = failuresOf(json);
  }
  results.push(result);
}

console.log('\nSummary');
for (const r of results) {
  const counts = r.passed === undefined ? '' : `  (${r.passed} passed, ${r.failed} failed)`;
  console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(22)} ${r.seconds.toFixed(1).padStart(6)} s${counts}`);
  for (const line of r.failures ?? []) console.log(`         ✗ ${line}`);
}
const passed = results.reduce((n, r) => n + (r.passed ?? (r.ok ? 1 : 0)), 0);
const failed = results.reduce((n, r) => n + (r.failed ?? 0) + (r.ok ? 0 : r.failed ? 0 : 1), 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
