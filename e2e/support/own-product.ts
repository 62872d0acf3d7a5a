import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface OwnProduct {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * A product of this test file's own (npm start's supervisor), on its own port and data dir, so that
 * a test that needs other keys or another profile does not disturb the shared one.
 * `env(baseUrl)` gives the variables on top of the test's environment.
 */
export async function startOwnProduct(env: (baseUrl: string) => NodeJS.ProcessEnv, options: { readyWithinMs?: number } = {}): Promise<OwnProduct> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-e2e-own-'));
  const product: ChildProcess = fork(path.join(root, 'scripts/start.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, PORT: String(port), PUBLIC_URL: baseUrl, AJIMI_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env(baseUrl) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = async () => {
    if (product.exitCode === null && product.signalCode === null) {
      const exited = new Promise((r) => product.once('exit', r));
      product.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const readyWithinMs = options.readyWithinMs ?? 150_000;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the product did not become ready in ${readyWithinMs / 1000} s`)), readyWithinMs);
      product.on('message', (m: { type?: string }) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve();
        }
      });
      product.once('exit', (code) => reject(new Error(`the product exited during start (${code})`)));
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, stop };
}
