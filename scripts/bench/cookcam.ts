/**
 * `node_modules/.bin/node --import tsx scripts/bench/cookcam.ts [seconds=300] [dropSec=30]`
 * Cook Cam in the real product (npm start's process tree, offline providers) and Debian's
 * Chromium, whose fake camera and microphone play a generated 720p cooking clip (looped). Two
 * recordings of `seconds`: one on a steady network, one with the network dropped for `dropSec`
 * in the middle. For each: bytes still to send at "stop", stop → upload complete, stop → the
 * coaching-text card on screen, and whether anything was lost (the final Upload-Length equals
 * what the recorder produced, and every PATCH started where the previous one ended).
 * Baseline: before Cook Cam the whole file went up after stopping (the recorded size is printed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fakeMediaArgs, makeFakeCameraFiles } from '../../e2e/support/fake-camera';
import { launchChromium, PHONE, startProduct } from './learner-product';

const seconds = Number(process.argv[2] ?? 300);
const dropSec = Number(process.argv[3] ?? 30);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-bench-cookcam-'));
const files = await makeFakeCameraFiles(dir, 30, { width: 1280, height: 720 });
const product = await startProduct();
const browser = await launchChromium(fakeMediaArgs(files));
const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;

async function record(drop: boolean): Promise<void> {
  const context = await browser.newContext({ ...PHONE, permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  const patches: Array<{ offset: number; sent: number; length?: number; acked?: number; status?: number }> = [];
  page.on('requestfinished', (req) => {
    if (req.method() !== 'PATCH' || !req.url().includes('/api/uploads')) return;
    void req.response().then((res) => {
      const h = req.headers();
      patches.push({ offset: Number(h['upload-offset']), sent: req.postDataBuffer()?.length ?? 0, length: h['upload-length'] ? Number(h['upload-length']) : undefined, acked: Number(res?.headers()['upload-offset']), status: res?.status() });
    });
  });
  const email = `bench-${randomUUID().slice(0, 8)}@bench.ajimi.local`;
  await context.request.post(`${product.base}/api/auth/login`, { data: { email: 'admin@ajimi.local', password: product.demoPassword } });
  await context.request.post(`${product.base}/api/console/users`, { data: { email, name: 'Bench Cook', role: 'learner', locale: 'ja', password: 'bench-cook-password' } });
  await context.request.post(`${product.base}/api/auth/logout`);
  await context.request.post(`${product.base}/api/auth/login`, { data: { email, password: 'bench-cook-password' } });
  await context.request.put(`${product.base}/api/profile`, { data: { name: 'Bench', locale: 'ja', dishSlugs: ['fried-rice'] } });
  await page.goto(`${product.base}/#/new?dish=fried-rice`);
  await page.click('[data-testid=cookcam-open]');
  await page.locator('[data-testid=cookcam][data-phase=ready]').waitFor({ timeout: 20_000 });
  await page.click('[data-testid=cookcam-start]');
  const started = Date.now();
  if (drop) {
    await page.waitForTimeout(Math.max(0, (seconds / 2 - dropSec / 2) * 1000));
    await context.setOffline(true);
    await page.waitForTimeout(dropSec * 1000);
    await context.setOffline(false);
  }
  await page.waitForTimeout(Math.max(0, seconds * 1000 - (Date.now() - started)));
  const recorded = Number(await page.locator('[data-testid=cookcam-live-upload]').getAttribute('data-recorded'));
  const t0 = Date.now();
  await page.click('[data-testid=cookcam-stop]');
  const done = page.locator('[data-testid=cookcam-upload][data-finished=true]');
  await done.waitFor({ timeout: 300_000 });
  const t1 = Date.now();
  const bytesAtStop = Number(await done.getAttribute('data-bytes-at-stop'));
  await page.click('[data-testid=cookcam-open-coaching]');
  await page.locator('[data-testid=coaching-card]').waitFor({ timeout: 300_000 });
  const t2 = Date.now();
  const ok = patches.filter((p) => p.status === 204).sort((a, b) => a.offset - b.offset);
  const final = ok.find((p) => p.length !== undefined);
  const contiguous = ok.every((p, i) => i === 0 ? p.offset === 0 : p.offset === ok[i - 1]!.acked);
  console.log(
    `${drop ? `network dropped ${dropSec} s` : 'steady network'}: ${seconds} s filmed, ${mb(final?.length ?? 0)} (${mb(recorded)} before the last chunk); ` +
      `at stop ${mb(bytesAtStop)} still to send; stop → upload complete ${((t1 - t0) / 1000).toFixed(1)} s; stop → coaching card ${((t2 - t0) / 1000).toFixed(1)} s; ` +
      `${ok.length} PATCHes, contiguous ${contiguous}, final length = last offset ${final?.length === final?.acked}`,
  );
  await context.close();
}

try {
  await record(false);
  await record(true);
} finally {
  await browser.close();
  await product.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
