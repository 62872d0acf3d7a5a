/**
 * `node_modules/.bin/node --import tsx scripts/screenshots/learner.ts`
 * Regenerates docs/screenshots/learner-new-session.png and docs/screenshots/learner-chat.png from
 * the real product: starts it on a temporary data dir (as `npm start` does), signs a new cook in
 * with a phone viewport, fills a new session (generated cooking video, a voice memo from Chromium's
 * fake microphone, note, ratings), uploads it, waits for the coaching text, asks a follow-up,
 * has a coach approve the video, and captures both screens.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { generateTestVideo } from '../../core/src/media/testing/generate-test-video';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, 'docs/screenshots');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-shots-'));
const demoPassword = 'screenshots-password';

const port = await new Promise<number>((resolve) => {
  const srv = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: p } = srv.address() as net.AddressInfo;
    srv.close(() => resolve(p));
  });
});
const base = `http://127.0.0.1:${port}`;
for (const app of ['learner-app', 'console']) {
  if (!fs.existsSync(path.join(root, app, 'dist/index.html'))) throw new Error(`${app} is not built (vite build)`);
}
const product = fork(path.join(root, 'scripts/start.ts'), [], {
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, PORT: String(port), AJIMI_DATA_DIR: dataDir, AJIMI_DEMO_PASSWORD: demoPassword, LOG_LEVEL: 'warn', PUBLIC_URL: base },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const stop = async () => {
  if (product.exitCode === null) {
    const exited = new Promise((r) => product.once('exit', r));
    product.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
};

try {
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
  const video = path.join(dataDir, 'fried-rice.mp4');
  await generateTestVideo(video, { durationSec: 24, width: 640, height: 360, sizzle: 'weak', events: { addAt: 6, flipAt: 14, plateAt: 20, darkStart: 9, darkEnd: 10 } });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ja-JP', permissions: ['microphone'] });
  const page = await context.newPage();

  // A cook of our own (made by the demo admin).
  const email = `aki-${randomUUID().slice(0, 6)}@example.com`;
  await context.request.post(`${base}/api/auth/login`, { data: { email: 'admin@ajimi.local', password: demoPassword } });
  await context.request.post(`${base}/api/console/users`, { data: { email, name: 'Aki Tanaka', role: 'learner', locale: 'ja', password: 'screenshots-cook' } });
  await context.request.post(`${base}/api/auth/logout`);

  await page.goto(`${base}/`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', 'screenshots-cook');
  await page.click('button[type=submit]');
  await page.locator('[data-testid=first-run]').waitFor({ timeout: 20_000 });
  await page.fill('input[name=name]', 'あき');
  await page.click('[data-testid=dish-chip-fried-rice]');
  await page.click('[data-testid=dish-chip-gyoza]');
  await page.click('[data-testid=first-run-save]');
  await page.click('[data-testid=new-session-button]');
  await page.locator('[data-testid=new-session]').waitFor();
  await page.setInputFiles('[data-testid=video-file]', video);
  await page.locator('[data-testid=video-picked]').getByText('0:24').waitFor({ timeout: 15_000 });
  await page.click('[data-testid=memo-record]');
  await page.waitForTimeout(2500);
  await page.click('[data-testid=memo-stop]');
  await page.locator('[data-testid=memo-playback]').waitFor();
  await page.fill('[data-testid=note]', 'ご飯がパラパラにならず、少しべちゃっとした。');
  await page.locator('[data-testid=rating-taste] label').nth(2).click();
  await page.locator('[data-testid=rating-texture] label').nth(1).click();
  await page.locator('[data-testid=rating-confidence] label').nth(2).click();
  // The whole form in one picture: a viewport as tall as the page keeps the app bar at the top.
  await page.setViewportSize({ width: 390, height: await page.evaluate(() => document.documentElement.scrollHeight) });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(out, 'learner-new-session.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  console.log('wrote docs/screenshots/learner-new-session.png');

  await page.click('[data-testid=send-session]');
  await page.locator('[data-testid=upload-done]').waitFor({ timeout: 60_000 });
  await page.click('[data-testid=upload-open]');
  await page.locator('[data-testid=coaching-card]').waitFor({ timeout: 120_000 });
  // A coach approves the rendered video, so the chat shows the video card too.
  const coach = await browser.newContext();
  await coach.request.post(`${base}/api/auth/login`, { data: { email: 'coach@ajimi.local', password: demoPassword } });
  let approved = false;
  for (let i = 0; i < 240 && !approved; i++) {
    const list = (await (await coach.request.get(`${base}/api/console/reviews?range=[0,99]`)).json()) as Array<{ id: string; cook: { name: string }; render: { status: string } | null }>;
    const item = list.find((r) => r.cook.name === 'あき' && r.render?.status === 'done');
    if (item) {
      await coach.request.post(`${base}/api/console/reviews/${item.id}/claim`, { data: {} });
      approved = (await coach.request.post(`${base}/api/console/reviews/${item.id}/approve`, { data: {} })).ok();
    } else await page.waitForTimeout(1000);
  }
  if (approved) {
    await page.locator('[data-testid=video-player]').waitFor({ timeout: 90_000 });
    await page.locator('[data-testid=video-player]').evaluate((v: HTMLVideoElement) => new Promise((r) => (v.readyState >= 1 ? r(null) : v.addEventListener('loadeddata', () => r(null), { once: true }))));
  } else console.warn('no render became ready: the chat screenshot has no video card');
  // A follow-up question about the session, answered by the reply job.
  await page.locator('[data-testid=coaching-ask]').click();
  await page.fill('[data-testid=composer-input]', 'フライパンはどのくらい熱くすればいいですか？');
  await page.click('[data-testid=composer-send]');
  await page.locator('[data-testid=message][data-author=ai][data-kind=text]').first().waitFor({ timeout: 60_000 });
  // A tall phone screen from the coaching card down: the card, the video, the question and the answer.
  await page.setViewportSize({ width: 390, height: 1700 });
  await page.locator('[data-testid=coaching-card]').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 90));
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, 'learner-chat.png') });
  console.log('wrote docs/screenshots/learner-chat.png');
  await browser.close();
} finally {
  await stop();
}
