import { chromium, type Browser, type Page } from 'playwright-core';
import { createCook } from './accounts';
import { CHROMIUM } from './browser';
import { fakeMediaArgs } from './fake-camera';

/** A new cook signs in, picks fried rice on first run and opens Cook Cam from the new-session screen. */
export async function openCookCam(page: Page, baseUrl: string, demoPassword: string): Promise<void> {
  const cook = await createCook(baseUrl, demoPassword);
  await page.goto(`${baseUrl}/`);
  await page.fill('input[name=email]', cook.email);
  await page.fill('input[name=password]', cook.password);
  await page.click('button[type=submit]');
  await page.locator('[data-testid=first-run]').waitFor({ timeout: 20_000 });
  await page.fill('input[name=name]', 'あき');
  await page.click('[data-testid=dish-chip-fried-rice]');
  await page.click('[data-testid=first-run-save]');
  await page.click('[data-testid=new-session-button]');
  await page.locator('[data-testid=new-session]').waitFor();
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
