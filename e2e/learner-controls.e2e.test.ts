/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createCook } from './support/accounts';
import { FAKE_MICROPHONE_ARGS, PHONE, launchBrowser, newPage, useBrowser } from './support/browser';
import { openNewSessionScreen } from './support/learner';
import { expectHealthy, watchPage, type PageProblems } from './support/sweep';

/**
 * The learner app's controls no other browser test used (issue 16's sweep): sign-in's show-password
 * button, the first-run language toggles, a room's refresh button, the error banner's and the error
 * screen's retry (and its details), the new-session dish menu and "pick a file" button, the voice
 * memo's re-record and delete, dish history's "new session", Cook Cam's close and back buttons, and
 * an upload's resume and dismiss. Each step asserts what the control did and fails on an error
 * screen or a console error.
 */
const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
/** Without fake devices: Cook Cam finds no camera. */
const browser = useBrowser();
/** Chromium's fake camera and microphone (a test pattern and a tone). */
let mediaBrowser: Browser;
let workDir: string;
let videoPath: string;
beforeAll(async () => {
  mediaBrowser = await launchBrowser(FAKE_MICROPHONE_ARGS);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-e2e-controls-'));
  // An MP4 box header (what the browser's check reads), then text: the server's ingest rejects it
  // after the upload, so no coaching pipeline runs for this test.
  videoPath = path.join(workDir, 'notes.mp4');
  fs.writeFileSync(videoPath, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.from('these are my notes, not a video\n'.repeat(200))]));
});
afterAll(async () => {
  await mediaBrowser?.close();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

/** The browser's own line for the 401 of "who am I?" before signing in. */
const SIGNED_OUT = [/status of 401/];

async function signIn(page: Page, options: { showPassword?: boolean } = {}): Promise<void> {
  const cook = await createCook(baseUrl, password, 'Controls cook', 'controls');
  await page.goto(`${baseUrl}/`);
  await page.fill('input[name=email]', cook.email);
  await page.fill('input[name=password]', cook.password);
  if (options.showPassword) {
    // The eye button shows the typed password and hides it again.
    await page.getByRole('button', { name: 'パスワードを表示' }).click();
    expect(await page.getAttribute('input[name=password]', 'type')).toBe('text');
    await page.getByRole('button', { name: /パスワードを隠す|Hide password/ }).click();
    expect(await page.getAttribute('input[name=password]', 'type')).toBe('password');
  }
  await page.click('button[type=submit]');
  await page.locator('[data-testid=first-run]').waitFor({ timeout: 20_000 });
}

async function onboard(page: Page, dishes: string[]): Promise<void> {
  await page.fill('input[name=name]', 'コントロール');
  for (const dish of dishes) await page.click(`[data-testid=dish-chip-${dish}]`);
  await page.click('[data-testid=first-run-save]');
  await page.locator('[data-testid=room-my_coaching]').waitFor({ timeout: 20_000 });
}

async function settle(page: Page, problems: PageProblems, where: string): Promise<void> {
  await page.locator('[data-testid=loading]').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  await expectHealthy(page, problems, where);
}

describe('learner app controls (phone)', () => {
  it('show password, first-run language toggles, room refresh and its error banner, dish menu, pick file, Cook Cam without a camera, error screen, dish history new session', { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(browser.current, PHONE);
    const problems = await watchPage(page, [...SIGNED_OUT, /status of 503/]);
    await signIn(page, { showPassword: true });

    // First run: English switches the screen's language at once, 日本語 switches it back.
    await page.click('[data-testid=locale-en]');
    await page.getByText('Dishes you are working on').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('locale-en').getAttribute('aria-pressed')).toBe('true');
    await settle(page, problems, 'first run in English');
    await page.click('[data-testid=locale-ja]');
    await page.getByText('Dishes you are working on').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.getByTestId('locale-ja').getAttribute('aria-pressed')).toBe('true');
    const chips = await page.locator('[data-testid^=dish-chip-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('dish-chip-', '')));
    expect(chips.length).toBeGreaterThanOrEqual(2);
    const [first, second] = chips as [string, string];
    await onboard(page, [first, second]);
    await settle(page, problems, 'rooms');

    // A room's refresh button fetches the room's messages again.
    await page.click('[data-testid=room-help]');
    await page.locator('[data-testid=messages-empty], [data-testid=messages] > li').first().waitFor({ timeout: 15_000 });
    const refetch = page.waitForResponse((r) => r.request().method() === 'GET' && /\/api\/.*messages/.test(r.url()), { timeout: 10_000 });
    await page.click('[data-testid=refresh]');
    expect((await refetch).status()).toBe(200);
    await page.locator('[data-testid=refresh]:not([disabled])').waitFor({ timeout: 10_000 });
    // A refresh that fails keeps the messages and says so above them; its retry loads them again.
    const messagesUrl = /\/api\/rooms\/[^/]+\/messages/;
    await page.route(messagesUrl, (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'Service unavailable' }, requestId: 'e2e-request-503' }) })
        : route.continue(),
    );
    await page.click('[data-testid=refresh]');
    const banner = page.getByTestId('error-banner');
    await banner.waitFor({ timeout: 10_000 });
    await page.unroute(messagesUrl);
    const reloaded = page.waitForResponse((r) => r.request().method() === 'GET' && messagesUrl.test(r.url()) && r.status() === 200, { timeout: 10_000 });
    await banner.getByRole('button', { name: '再試行' }).click();
    await reloaded;
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    await settle(page, problems, 'help room after refresh');
    await page.click('[data-testid=back]');
    await page.locator('[data-testid=rooms]').waitFor({ timeout: 15_000 });

    // New session: the dish menu changes the dish (and its session label); "pick file" opens the file chooser.
    await openNewSessionScreen(page);
    await page.click('[data-testid=dish-select]');
    await page.click(`[data-testid=dish-option-${second}]`);
    const labelFor = async () => page.getByTestId('session-label').innerText();
    const secondLabel = await labelFor();
    await page.click('[data-testid=dish-select]');
    await page.click(`[data-testid=dish-option-${first}]`);
    await expect.poll(labelFor, { timeout: 10_000 }).not.toBe(secondLabel);
    const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
    await page.click('[data-testid=pick-file]');
    const fileChooser = await chooser;
    expect(fileChooser.isMultiple()).toBe(false);
    expect(await fileChooser.element().getAttribute('accept')).toMatch(/video/);
    await settle(page, problems, 'new session after the dish menu and pick file');

    // Cook Cam with no camera says so; its back button returns to the new-session screen.
    await page.click('[data-testid=cookcam-open]');
    await page.locator('[data-testid=cookcam][data-phase=no_camera]').waitFor({ timeout: 20_000 });
    await page.click('[data-testid=cookcam-back]');
    await page.locator('[data-testid=new-session]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=cookcam]').waitFor({ state: 'detached', timeout: 10_000 });
    await settle(page, problems, 'new session after Cook Cam back');
    await page.click('[data-testid=back]');
    await page.locator('[data-testid=rooms]').waitFor({ timeout: 15_000 });

    // Dish history while the API is briefly unavailable: the error screen's details show the request
    // id (for support) and its retry button loads the history once the API answers again.
    const historyUrl = `**/api/dishes/${second}/history`;
    await page.route(historyUrl, (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: 'Service unavailable' }, requestId: 'e2e-request-503' }) }),
    );
    await page.click(`[data-testid=dish-${second}]`);
    await page.locator('[data-testid=error-state]').waitFor({ timeout: 15_000 });
    await page.click('[data-testid=error-details]');
    await page.getByTestId('error-request-id').getByText('e2e-request-503').waitFor({ timeout: 10_000 });
    await page.unroute(historyUrl);
    await page.click('[data-testid=retry]');
    await page.locator('[data-testid=dish-history]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=error-state]').count()).toBe(0);
    await settle(page, problems, 'dish history after retry');

    // Dish history's "new session" opens the new-session screen with that dish chosen.
    const historyLabel = (await page.getByTestId('history-new-session').innerText()).split('·').pop()!.trim();
    await page.click('[data-testid=history-new-session]');
    await page.locator('[data-testid=new-session]').waitFor({ timeout: 15_000 });
    expect(await labelFor()).toBe(historyLabel);
    expect(await labelFor()).toBe(secondLabel);
    await settle(page, problems, 'new session from dish history');
    await context.close();
  });

  it('voice memo: record, re-record, delete; Cook Cam close', { timeout: 90_000 }, async () => {
    const { context, page } = await newPage(mediaBrowser, PHONE);
    const problems = await watchPage(page, SIGNED_OUT);
    await signIn(page);
    await onboard(page, ['fried-rice']);
    await openNewSessionScreen(page);

    const recordFor = async (ms: number) => {
      await page.locator('[data-testid=memo-recording]').waitFor({ timeout: 10_000 });
      await page.waitForTimeout(ms);
      await page.click('[data-testid=memo-stop]');
      await page.locator('[data-testid=memo-playback]').waitFor({ timeout: 10_000 });
    };
    await page.click('[data-testid=memo-record]');
    await recordFor(1_500);
    const firstMemo = await page.getByTestId('memo-playback').getAttribute('src');
    // Re-record replaces the memo with a new recording.
    await page.click('[data-testid=memo-rerecord]');
    await recordFor(2_500);
    const secondMemo = await page.getByTestId('memo-playback').getAttribute('src');
    expect(secondMemo).toMatch(/^blob:/);
    expect(secondMemo).not.toBe(firstMemo);
    await settle(page, problems, 'voice memo re-recorded');
    // Delete leaves no memo: the record button is back.
    await page.click('[data-testid=memo-delete]');
    await page.locator('[data-testid=memo-record]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid=memo-playback]').count()).toBe(0);
    await settle(page, problems, 'voice memo deleted');

    // Cook Cam with a camera: the close button leaves it before filming.
    await page.click('[data-testid=cookcam-open]');
    await page.locator('[data-testid=cookcam][data-phase=ready]').waitFor({ timeout: 20_000 });
    await page.click('[data-testid=cookcam-close]');
    await page.locator('[data-testid=cookcam]').waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('[data-testid=new-session]').waitFor({ timeout: 15_000 });
    await settle(page, problems, 'new session after Cook Cam close');
    await context.close();
  });

  it('upload: resume after the server kept failing, then dismiss the finished upload', { timeout: 120_000 }, async () => {
    const { context, page } = await newPage(browser.current, PHONE);
    // The browser's own lines for the 503s this test provokes.
    const problems = await watchPage(page, [...SIGNED_OUT, /status of 503/]);
    await signIn(page);
    await onboard(page, ['fried-rice']);
    await openNewSessionScreen(page);
    await page.setInputFiles('[data-testid=video-file]', videoPath);
    await page.locator('[data-testid=video-picked]').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid=video-checking]'), undefined, { timeout: 20_000 });
    // The upload service answers every chunk with 503 until the cook taps "resume".
    let failing = true;
    await page.route('**/api/uploads/**', async (route) => {
      if (failing && route.request().method() === 'PATCH') return route.fulfill({ status: 503, headers: { 'Tus-Resumable': '1.0.0' }, body: 'Service Unavailable' });
      return route.continue();
    });
    await page.click('[data-testid=send-session]');
    // tus retries by itself (0, 1, 3, 5, 10 s), then the cook is offered "resume".
    await page.locator('[data-testid=upload-error]').waitFor({ timeout: 45_000 });
    expect(await page.locator('[data-testid=upload-progress]').getAttribute('data-phase')).toBe('error');
    failing = false;
    await page.click('[data-testid=upload-retry]');
    await page.locator('[data-testid=upload-done]').waitFor({ timeout: 30_000 });
    await settle(page, problems, 'upload resumed');
    // Dismiss takes the finished upload away: the new-session form is back.
    await page.click('[data-testid=upload-dismiss]');
    await page.locator('[data-testid=upload-progress]').waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('[data-testid=send-session]').waitFor({ timeout: 10_000 });
    await settle(page, problems, 'upload dismissed');
    await context.close();
  });
});
