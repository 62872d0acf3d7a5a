/// <reference lib="dom" />
/**
 * Cook Cam's automatic start and stop (issue 17), in Chromium with a fake microphone playing a
 * generated kitchen: a faint room tone, then frying crackle, then quiet for a long stretch; the fake
 * camera shows a still pan, so only the sound decides. With "auto" on, filming starts by itself on
 * the sizzle and, after the quiet stretch (AutoStartStop's default: 90 s, then a 10 s countdown),
 * stops by itself; in the second case the cook cancels the countdown and filming goes on.
 * The test waits for states on the page (the recorder's phase, the countdown), never for fixed times.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DEFAULT_AUTO } from '../learner-app/src/cookcam/autoStartStop';
import { PHONE, screenshot } from './support/browser';
import { launchWithFakeMedia, openCookCam } from './support/cookcam';
import { makeSizzleThenQuietFiles } from './support/fake-camera';
import { expectHealthy, watchPage, type PageProblems } from './support/sweep';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const SIZZLE = { sizzleFromSec: 6, sizzleToSec: 21, totalSec: 150 };
/** Long enough for the whole file to loop once (the sizzle is heard within one loop, whenever the stream began). */
const START_WITHIN_MS = (SIZZLE.totalSec + 10) * 1000;
/** From the start: the sizzle's rest, the quiet stretch and the countdown, with room for a loaded machine. */
const STOP_WITHIN_MS = (SIZZLE.sizzleToSec - SIZZLE.sizzleFromSec + DEFAULT_AUTO.quietSec + DEFAULT_AUTO.countdownSec + 30) * 1000;
/** The sign-in screen asks who is signed in before anyone is: the browser logs that 401. */
const SIGNED_OUT = [/status of 401 .*\/api\/auth\/me$/];
let browser: Browser;
let dir: string;

/** A new cook opens Cook Cam from the new-session screen and turns "auto" on. */
async function openWithAuto(page: Page): Promise<void> {
  await openCookCam(page, baseUrl, password);
  await page.check('[data-testid=cookcam-auto]');
  expect(await page.locator('[data-testid=cookcam-auto]').isChecked()).toBe(true);
}

async function startsOnTheSizzle(page: Page): Promise<void> {
  // Waiting on the mount: nothing is filmed until the pan sizzles.
  await page.locator('[data-testid=cookcam][data-phase=recording]').waitFor({ timeout: START_WITHIN_MS });
  const sizzle = Number((await page.locator('[data-testid=cookcam-sizzle]').innerText()).replace(/\D/g, ''));
  expect(sizzle, 'filming started while the pan sizzles').toBeGreaterThanOrEqual(50);
  await page.locator('[data-testid=cookcam-stop]').waitFor();
}

/** The recorder's clock ("● 1:42") in seconds. */
const elapsedSec = (page: Page) =>
  page.evaluate(() => (document.querySelector('[data-testid=cookcam-time]')?.textContent?.match(/[\d:]+/)?.[0] ?? '0').split(':').reduce((acc, part) => acc * 60 + Number(part), 0));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-e2e-cookcam-auto-'));
  const files = await makeSizzleThenQuietFiles(dir, SIZZLE);
  browser = await launchWithFakeMedia(files);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('Cook Cam: automatic start and stop (phone)', () => {
  it('starts by itself on the sizzle and, after the quiet stretch and the countdown, stops by itself and sends the video', async () => {
    const context = await browser.newContext({ ...PHONE, permissions: ['camera', 'microphone'] });
    const page = await context.newPage();
    const problems: PageProblems = await watchPage(page, SIGNED_OUT);
    await openWithAuto(page);
    await startsOnTheSizzle(page);
    await screenshot(page, 'cookcam-auto-started');

    // The sizzle ends; after the quiet stretch the countdown shows, then filming stops on its own.
    const countdown = page.locator('[data-testid=cookcam-countdown]');
    await countdown.waitFor({ timeout: STOP_WITHIN_MS });
    expect(await countdown.innerText()).toMatch(/秒後に撮影を終了します/);
    const quietAt = await elapsedSec(page);
    expect(quietAt, 'the countdown came after the quiet stretch').toBeGreaterThanOrEqual(DEFAULT_AUTO.quietSec);
    await screenshot(page, 'cookcam-auto-countdown');
    const done = page.locator('[data-testid=cookcam-upload][data-finished=true]');
    await done.waitFor({ timeout: (DEFAULT_AUTO.countdownSec + 60) * 1000 });
    expect(await page.locator('[data-testid=cookcam-stop]').count()).toBe(0);

    // The recording reached the server and went into the pipeline.
    const sessions = (await (await context.request.get(`${baseUrl}/api/sessions`)).json()) as { sessions: Array<{ status: string }> };
    expect(sessions.sessions).toHaveLength(1);
    expect(sessions.sessions[0]!.status).not.toBe('created');
    await expectHealthy(page, problems, 'auto start and stop');
    await context.close();
  }, 420_000);

  it('the cook cancels the countdown: filming goes on until they stop it by hand', async () => {
    const context = await browser.newContext({ ...PHONE, permissions: ['camera', 'microphone'] });
    const page = await context.newPage();
    const problems = await watchPage(page, SIGNED_OUT);
    await openWithAuto(page);
    await startsOnTheSizzle(page);

    const countdown = page.locator('[data-testid=cookcam-countdown]');
    await countdown.waitFor({ timeout: STOP_WITHIN_MS });
    await page.click('[data-testid=cookcam-countdown-cancel]');
    const cancelledAt = await elapsedSec(page);
    await countdown.waitFor({ state: 'detached', timeout: 5_000 });
    // Past the moment the countdown would have ended: still filming, no countdown.
    await expect.poll(() => elapsedSec(page), { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(cancelledAt + DEFAULT_AUTO.countdownSec + 3);
    expect(await page.locator('[data-testid=cookcam]').getAttribute('data-phase')).toBe('recording');
    expect(await countdown.count()).toBe(0);

    // Manual stop still works.
    await page.click('[data-testid=cookcam-stop]');
    await page.locator('[data-testid=cookcam-upload][data-finished=true]').waitFor({ timeout: 60_000 });
    await expectHealthy(page, problems, 'countdown cancelled, stopped by hand');
    await context.close();
  }, 420_000);
});
