/**
 * `node --import tsx scripts/bench/chef-throughput.ts [items=10]` (build the console first:
 * `node scripts/launch.mjs test build-console`)
 * Issue 16's figure: what it costs a chef-coach to approve ten prepared review items in a row, in
 * Debian's Chromium against the real API and the built console on a fresh embedded database.
 * - throughput mode: open the first item from the queue, then press A on each (approve & deliver,
 *   the next item opens and is claimed by itself) until the queue is empty;
 * - baseline, the old way: for each item, click its row in the queue, click Approve, click back
 *   to the queue.
 * Every click and key press the script makes is counted, and the wall time from the queue on screen
 * to the last approval. The script acts as soon as the page allows, so the seconds are what the
 * product makes a coach wait (a person adds their own looking and deciding to both).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Page } from 'playwright-core';
import { createApp } from '../../api/src/app';
import { loadConfig } from '../../core/src/config';
import { connectDatabase } from '../../core/src/db/database';
import { startEmbeddedDatabase } from '../../core/src/db/embedded/start-embedded-database';
import { createBoss, createQueues } from '../../core/src/queue/boss';
import { bossQueue } from '../../core/src/queue/job-queue';
import { prepareDatabase } from '../../core/src/seed/prepare-database';
import { createReviewFixture } from '../../core/src/services/review/testing/review-fixtures';
import { createProviders } from '../../core/src/wiring';
import { launchBrowser } from '../../e2e/support/browser';

const items = Number(process.argv[2] ?? 10);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-bench-chef-'));
const PASSWORD = 'bench-password';
const log = (s: string) => console.log(s);
if (!fs.existsSync(path.resolve(import.meta.dirname, '../../console/dist/index.html'))) throw new Error('build the console first: node scripts/launch.mjs test build-console');

/** Counts what the coach does: every click and every key press. */
class Actions {
  clicks = 0;
  keys = 0;
  constructor(private readonly page: Page) {}
  async click(selector: string) {
    await this.page.locator(selector).first().click();
    this.clicks++;
  }
  async press(key: string) {
    await this.page.keyboard.press(key);
    this.keys++;
  }
}

const db = await startEmbeddedDatabase({ dataDir: path.join(dir, 'pglite') });
const config = loadConfig({ ...process.env, NODE_ENV: 'test', AJIMI_DATA_DIR: dir, LOG_LEVEL: 'silent', AJIMI_DEMO_PASSWORD: PASSWORD, AJIMI_DEMO_SESSION: 'false' });
const { knex, close } = connectDatabase(db.url, { poolMax: 6 });
const browser = await launchBrowser();
try {
  await prepareDatabase(knex, config);
  // Send-only queue: approvals queue their delivery; no worker is needed for the coach's side.
  const boss = createBoss(db.url, { max: 2, supervise: false });
  boss.on('error', (error) => log(`pg-boss: ${error.message}`));
  await boss.start();
  await createQueues(boss);
  const logger = pino({ level: 'silent' });
  const app = createApp({ config, knex, logger, sessionSecret: 'bench'.padEnd(40, 'x'), providers: await createProviders(config, knex), queue: bossQueue(boss), uploadDir: path.join(dir, 'uploads') });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cook = await knex('users').where({ email: 'learner@ajimi.local' }).first('id');
  const prepare = async () => {
    const ids: string[] = [];
    // Each with a finished render, as the render stage leaves it: ready to approve.
    for (let i = 0; i < items; i++) ids.push((await createReviewFixture(knex, { cookId: cook.id, dishSlug: 'fried-rice', withRender: true })).reviewId);
    return ids;
  };

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP' });
  const page = await context.newPage();
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto(`${base}/console/`);
  await page.fill('input[name=username]', 'coach@ajimi.local');
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));

  const workspaceHeld = (id: string) => page.locator(`[data-testid=review-workspace][data-review-id="${id}"] [data-testid=claim-state][data-claim=held]`).waitFor({ timeout: 30_000 });
  const approveEnabled = () => page.locator('[data-testid=approve]:not([disabled])').waitFor({ timeout: 30_000 });
  const queueShown = async () => {
    await page.goto(`${base}/console/reviews`);
    await page.locator('main tbody tr').first().waitFor({ timeout: 30_000 });
  };
  const decided = async (ids: string[]) => Number((await knex('review_items').whereIn('id', ids).where({ status: 'approved' }).count({ n: '*' }).first())?.n);

  // Throughput mode: the first item from the queue, then A, A, A...
  const fast = await prepare();
  await queueShown();
  loads = 0;
  const a = new Actions(page);
  const t0 = performance.now();
  await a.click('main tbody tr');
  const perItemFast: number[] = [];
  for (const id of fast) {
    const s = performance.now();
    await workspaceHeld(id);
    const held = performance.now();
    await approveEnabled();
    const enabled = performance.now();
    await a.press('a');
    if (process.env.BENCH_TRACE) log(`  held ${((held - s) / 1000).toFixed(2)} s, approvable ${((enabled - held) / 1000).toFixed(2)} s`);
    // The item is approved and the next one opens (or the queue, when it is empty).
    await page.waitForURL((url) => !url.pathname.endsWith(`/reviews/${id}`), { timeout: 30_000 });
    perItemFast.push(performance.now() - s);
  }
  await page.locator('[data-testid=reviews-empty]').waitFor({ timeout: 30_000 });
  const fastSeconds = (performance.now() - t0) / 1000;
  const fastLoads = loads;
  if ((await decided(fast)) !== items) throw new Error('throughput mode: not every item was approved');

  // Baseline, the old way: row → Approve → back, for each item.
  const slow = await prepare();
  await queueShown();
  loads = 0;
  const b = new Actions(page);
  const t1 = performance.now();
  const perItemSlow: number[] = [];
  for (const id of slow) {
    const s = performance.now();
    await page.locator('main tbody tr').first().waitFor({ timeout: 30_000 });
    await b.click('main tbody tr');
    await workspaceHeld(id);
    await approveEnabled();
    await b.click('[data-testid=approve]');
    await page.waitForURL((url) => !url.pathname.endsWith(`/reviews/${id}`), { timeout: 30_000 });
    // Back to the queue (the header's back arrow), as before approve-and-next existed.
    if (!page.url().endsWith('/console/reviews')) {
      await b.click('[data-testid=review-workspace] a[href="/console/reviews"]');
      await page.waitForURL((url) => url.pathname === '/console/reviews', { timeout: 30_000 });
    }
    perItemSlow.push(performance.now() - s);
  }
  const slowSeconds = (performance.now() - t1) / 1000;
  const slowLoads = loads;
  if ((await decided(slow)) !== items) throw new Error('baseline: not every item was approved');

  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]! / 1000;
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, Node ${process.version}, Chromium ${browser.version()}, embedded PGlite, 1440×900`);
  log(`throughput mode (${items} items): ${a.clicks} clicks + ${a.keys} keys = ${a.clicks + a.keys} actions (${((a.clicks + a.keys) / items).toFixed(1)} per item), ${fastSeconds.toFixed(1)} s (median ${median(perItemFast).toFixed(2)} s per item), ${fastLoads} page loads`);
  log(`baseline, row → approve → back (${items} items): ${b.clicks} clicks + ${b.keys} keys = ${b.clicks + b.keys} actions (${((b.clicks + b.keys) / items).toFixed(1)} per item), ${slowSeconds.toFixed(1)} s (median ${median(perItemSlow).toFixed(2)} s per item), ${slowLoads} page loads`);
  await context.close();
  server.close();
  await boss.stop({ graceful: false, close: true });
} finally {
  await browser.close();
  await close();
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
