/** Shared by the learner benchmarks: the whole product started as `npm start` does, on a temp dir and a free port. */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '../..');

export interface RunningProduct {
  base: string;
  dataDir: string;
  demoPassword: string;
  stop(): Promise<void>;
}

/** The demo session is off by default: its pipeline run would compete with what is measured. */
export async function startProduct(env: Record<string, string> = { AJIMI_DEMO_SESSION: 'false' }): Promise<RunningProduct> {
  for (const app of ['learner-app', 'console']) {
    if (!fs.existsSync(path.join(root, app, 'dist/index.html'))) throw new Error(`${app} is not built (vite build)`);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-bench-learner-'));
  const port = await new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(p));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  const demoPassword = 'bench-password';
  const product = fork(path.join(root, 'scripts/start.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env, PORT: String(port), AJIMI_DATA_DIR: dataDir, AJIMI_DEMO_PASSWORD: demoPassword, LOG_LEVEL: env.LOG_LEVEL ?? 'warn', PUBLIC_URL: base },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the product did not start in 120 s')), 120_000);
    product.on('message', (m: { type?: string }) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    product.once('exit', (code) => reject(new Error(`the product exited (${code})`)));
  });
  return {
    base,
    dataDir,
    demoPassword,
    async stop() {
      if (product.exitCode === null) {
        const exited = new Promise((r) => product.once('exit', r));
        product.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', ...extraArgs],
  });
}

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ja-JP' };

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
