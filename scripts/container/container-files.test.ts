import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { isIgnored, parseDockerignore } from './dockerignore';
import { healthcheckCommand, parseDockerfile, parseEnvArgs } from './parse-dockerfile';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

describe('.dockerignore', () => {
  const rules = parseDockerignore(read('.dockerignore'));
  it("keeps the host's secrets, data, installed modules and builds out of the build context", () => {
    for (const p of ['.env', '.env.production', 'data', 'data/pglite/base/1', 'node_modules/x/index.js', 'core/node_modules/a', 'console/dist/index.html', '.git/HEAD']) {
      expect(isIgnored(rules, p), p).toBe(true);
    }
  });
  it('lets the sources, the lockfile and the documented example through', () => {
    for (const p of ['.env.example', 'package-lock.json', 'api/src/main.ts', 'db/migrations/20261124000001_initial_schema.ts', 'knowledge', 'prompts', 'scripts/healthcheck.mjs']) {
      expect(isIgnored(rules, p), p).toBe(false);
    }
  });
  it('reads patterns as Docker does: ** spans directories, the last match wins', () => {
    const r = parseDockerignore('**/*.log\nsecret*\n!secret.example\n');
    expect(isIgnored(r, 'a/b/c.log')).toBe(true);
    expect(isIgnored(r, 'c.log')).toBe(true);
    expect(isIgnored(r, 'secret.key')).toBe(true);
    expect(isIgnored(r, 'secret.example')).toBe(false);
    expect(isIgnored(r, 'notsecret')).toBe(false);
  });
});

describe('Dockerfile', () => {
  const stages = parseDockerfile(read('Dockerfile'));
  const runtime = stages.at(-1)!;
  const runs = (stage = runtime) => stage.instructions.filter((i) => i.op === 'RUN').map((i) => i.args);

  it('builds the front-ends in a stage of their own and runs from production dependencies only', () => {
    expect(stages.map((s) => s.name)).toEqual(['base', 'build', 'runtime']);
    const build = stages.find((s) => s.name === 'build')!;
    expect(runs(build).join('\n')).toMatch(/npm ci(?!.*--omit)/);
    expect(runs().join('\n')).toMatch(/npm ci --omit=dev -w core -w api -w jobs --include-workspace-root/);
    // --omit=optional would drop esbuild's native binary, which tsx needs at run time.
    expect(stages.flatMap((s) => runs(s)).join('\n')).not.toMatch(/--omit=optional/);
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.tsx).toBeDefined();
  });

  it('installs no Chromium and runs as a non-root user with a writable /data', () => {
    expect(stages.flatMap((s) => s.instructions.map((i) => i.args)).join('\n')).not.toMatch(/chromium/i);
    const ops = runtime.instructions.map((i) => `${i.op} ${i.args}`);
    expect(ops).toContain('USER node');
    expect(ops).toContain('VOLUME /data');
    expect(runs().some((r) => /chown node:node \/data/.test(r))).toBe(true);
    const env = Object.assign({}, ...runtime.instructions.filter((i) => i.op === 'ENV').map((i) => parseEnvArgs(i.args)));
    expect(env).toMatchObject({ NODE_ENV: 'production', AJIMI_DATA_DIR: '/data' });
  });

  it('has a healthcheck for the image, and compose has one for the API and the worker', () => {
    const hc = runtime.instructions.find((i) => i.op === 'HEALTHCHECK')!;
    expect(healthcheckCommand(hc.args)).toEqual(['node', 'scripts/healthcheck.mjs']);
    const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as {
      services: Record<string, { healthcheck?: { test: string[] }; environment?: Record<string, string> }>;
    };
    expect(compose.services.api?.healthcheck?.test).toEqual(['CMD', 'node', 'scripts/healthcheck.mjs']);
    expect(compose.services.worker?.healthcheck?.test).toEqual(['CMD', 'node', 'scripts/healthcheck.mjs']);
    expect(compose.services.worker?.environment?.WORKER_HEALTH_PORT).toMatch(/^\d+$/);
    expect(compose.services.db?.healthcheck).toBeDefined();
  });

  it('joins continuation lines and marks system instructions', () => {
    const [stage] = parseDockerfile('FROM x AS a\n# container-check: system\nRUN apt-get update \\\n && apt-get install y\nRUN echo hi\n');
    expect(stage!.instructions).toEqual([
      { op: 'RUN', args: 'apt-get update && apt-get install y', system: true, line: 3 },
      { op: 'RUN', args: 'echo hi', system: false, line: 5 },
    ]);
  });
});
