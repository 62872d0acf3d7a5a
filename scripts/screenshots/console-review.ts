/**
 * `node_modules/.bin/node --import tsx scripts/screenshots/console-review.ts`
 * Regenerates docs/screenshots/review-queue.png and docs/screenshots/review-workspace.png from the
 * real product: starts it as the browser tests do (e2e/support/start-product.ts: `npm start` on a
 * temporary data dir), has the demo cook upload a generated cooking video through tus, waits for
 * the real pipeline to put it in the review queue with its first render, signs the demo coach in,
 * and captures the queue and the workspace with a Part 2 edit in progress (live preview rebuilt,
 * diff against the AI draft). The console build must be current (`cd console && vite build`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tus from 'tus-js-client';
import type { TestProject } from 'vitest/node';
import { generateTestVideo } from '../../core/src/media/testing/generate-test-video';
import { launchBrowser } from '../../e2e/support/browser';
import { setup, teardown } from '../../e2e/support/start-product';

const out = path.resolve(import.meta.dirname, '../../docs/screenshots');
const provided: Record<string, string> = {};

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function loginCookie(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/** The cook's side: a new fried-rice session and its video, uploaded resumably as the learner app does. */
async function uploadSession(base: string, cookie: string, dishSlug: string, note: string, file: string): Promise<string> {
  const res = await fetch(`${base}/api/sessions`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ dishSlug, note }) });
  if (!res.ok) throw new Error(`new session: ${res.status} ${await res.text()}`);
  const { session } = (await res.json()) as { session: { id: string } };
  await new Promise<void>((resolve, reject) => {
    new tus.Upload(fs.createReadStream(file), {
      endpoint: `${base}/api/uploads`,
      uploadSize: fs.statSync(file).size,
      chunkSize: 4 * 1024 * 1024,
      headers: { cookie },
      metadata: { sessionId: session.id, kind: 'source_video', filename: path.basename(file), filetype: 'video/mp4' },
      onSuccess: () => resolve(),
      onError: reject,
    }).start();
  });
  return session.id;
}

await setup({ provide: (key: string, value: string) => (provided[key] = value) } as unknown as TestProject);
const base = provided.baseUrl!;
const password = provided.demoPassword!;
const browser = await launchBrowser();
try {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-review-shots-'));
  const learner = await loginCookie(base, 'learner@ajimi.local', password);
  // Three uploads, so the queue has some rows. The first (the oldest, opened below): a pan that was
  // not hot, the rice goes in at 0:16 and the sizzle barely rises.
  const uploads = [
    { dish: 'fried-rice', note: 'ご飯がべちゃっとしてしまった。', video: { durationSec: 60, width: 640, height: 360, sizzle: 'weak', events: { addAt: 16, flipAt: 34, plateAt: 52 } } },
    { dish: 'omelette', note: '表面がかたくなった。', video: { durationSec: 40, width: 640, height: 360, events: { addAt: 8, flipAt: 24, plateAt: 34 } } },
    { dish: 'fried-rice', note: '2回目。強火にしてみた。', video: { durationSec: 40, width: 640, height: 360, movement: 'none', events: { addAt: 10, plateAt: 34 } } },
  ] as const;
  for (const [i, u] of uploads.entries()) {
    const file = path.join(workDir, `session-${i}.mp4`);
    await generateTestVideo(file, { ...u.video, events: { ...u.video.events } });
    await uploadSession(base, learner, u.dish, u.note, file);
  }
  fs.rmSync(workDir, { recursive: true, force: true });
  const cookie = await loginCookie(base, 'coach@ajimi.local', password);
  const rows = await waitFor(
    'the sessions in the review queue with their first renders',
    async () => {
      const list = (await (await fetch(`${base}/api/console/reviews`, { headers: { cookie } })).json()) as Array<{ id: string; render: { status: string } | null }>;
      return list.length >= uploads.length && list.every((r) => r.render?.status === 'done') && list;
    },
    // On a busy 2-core machine the pipeline takes a while.
    900_000,
  );
  // Another reviewer (the admin) holds the second item: the queue shows who and until when.
  const admin = await loginCookie(base, 'admin@ajimi.local', password);
  const claim = await fetch(`${base}/api/console/reviews/${rows[1]!.id}/claim`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json' }, body: '{}' });
  if (!claim.ok) throw new Error(`admin claim: ${claim.status} ${await claim.text()}`);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP', deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${base}/console/`);
  await page.fill('input[name=username]', 'coach@ajimi.local');
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.getByTestId('queue-summary').waitFor({ timeout: 20_000 });
  await page.goto(`${base}/console/reviews`);
  await page.locator('table tbody tr').first().waitFor({ timeout: 20_000 });
  fs.mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, 'review-queue.png') });

  await page.locator('table tbody tr').first().click();
  await page.locator('[data-testid=claim-state][data-claim=held]').waitFor({ timeout: 20_000 });
  await page.locator('[data-testid=preview][data-preview-status=ready]').waitFor({ timeout: 60_000 });
  await page.getByTestId('final-render').waitFor({ timeout: 20_000 });
  // An edit in progress: the preview rebuilt from it, and the diff against the AI draft.
  const preview = page.getByTestId('preview');
  const revision = Number(await preview.getAttribute('data-preview-revision'));
  await page.locator('textarea[name="part2.0.ja"]').fill('油がゆらゆらしてから入れましょう。');
  await page.locator('textarea[name="part2.0.en"]').fill('Add it once the oil shimmers.');
  await waitFor(
    'the preview of the edit',
    async () => (await preview.getAttribute('data-preview-status')) === 'ready' && Number(await preview.getAttribute('data-preview-revision')) > revision,
    60_000,
  );
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // Let the video frames and thumbnails paint.
  await page.getByTestId('source-video').evaluate((v: HTMLVideoElement) => (v.currentTime = 17));
  await page.waitForTimeout(1500);
  await page.setViewportSize({ width: 1440, height: 1800 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, 'review-workspace.png') });

  // Leave without saving (the guard asks; yes), which releases the claim.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.locator('a[href="/console/reviews"]').first().click();
  await page.waitForURL((url) => url.pathname === '/console/reviews', { timeout: 15_000 });
  await context.close();
  console.log(`wrote ${path.join(out, 'review-queue.png')} and ${path.join(out, 'review-workspace.png')}`);
} finally {
  await browser.close();
  await teardown();
}
