import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');
let product: ChildProcess | undefined;
let dataDir: string | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the whole product exactly as `npm start` does, on a fresh data dir and a free port. */
export async function setup(project: TestProject): Promise<void> {
  for (const app of ['console', 'learner-app']) {
    if (!fs.existsSync(path.join(root, app, 'dist/index.html'))) throw new Error(`${app} is not built: npm test builds it first`);
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-e2e-'));
  const port = await freePort();
  const demoPassword = 'e2e-demo-password';
  // Most browser files sign the demo admin in (to create their cooks), all from 127.0.0.1: with the
  // default of 20 sign-ins per address and account in 15 minutes, the 21st would be refused (429) in
  // whichever file it fell, a failure that never shows when the file runs alone.
  // The per-account throttle of failed sign-ins still applies; the limit itself is tested in
  // api/src/routes/login-throttle.integration.test.ts.
  const loginLimit = '500';
  product = fork(path.join(root, 'scripts/start.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, PORT: String(port), AJIMI_DATA_DIR: dataDir, AJIMI_DEMO_PASSWORD: demoPassword, AJIMI_DEMO_SESSION: 'false', LOGIN_RATE_LIMIT_PER_15_MIN: loginLimit, LOG_LEVEL: 'warn', PUBLIC_URL: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the product did not become ready in 120 s')), 120_000);
    product!.on('message', (m: { type?: string }) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    product!.once('exit', (code) => reject(new Error(`the product exited during start (${code})`)));
  });
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('demoPassword', demoPassword);
}

export async function teardown(): Promise<void> {
  if (product && product.exitCode === null) {
    const exited = new Promise((r) => product!.once('exit', r));
    product.kill('SIGTERM');
    await exited;
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
