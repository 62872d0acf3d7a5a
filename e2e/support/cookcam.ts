import { chromium, type Browser, type Page } from 'playwright-core';
import { createCook } from './accounts';
import { CHROMIUM } from './browser';
import { fakeMediaArgs } from './fake-camera';
import { openNewSessionScreen, signInAndOnboard } from './learner';

/** A new cook signs in, picks fried rice on first run and opens Cook Cam from the new-session screen. */
export async function openCookCam(page: Page, baseUrl: string, demoPassword: string): Promise<void> {
  const cook = await createCook(baseUrl, demoPassword);
  await signInAndOnboard(page, baseUrl, cook);
  await openNewSessionScreen(page);
  await page.click('[data-testid=cookcam-open]');
  await page.locator('[data-testid=cookcam][data-phase=ready]').waitFor({ timeout: 20_000 });
}

/** Debian's Chromium with its fake camera and microphone playing `files` (see fake-camera.ts). */
export function launchWithFakeMedia(files: { video: string; audio: string }): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', ...fakeMediaArgs(files)],
  });
}
