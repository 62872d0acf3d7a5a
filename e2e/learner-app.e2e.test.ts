/// <reference lib="dom" />
import { describe, expect, it, inject } from 'vitest';
import { PHONE, newPage, useBrowser, screenshot } from './support/browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const browser = useBrowser();

describe('learner app (phone)', () => {
  it('signs the demo learner in and shows their three rooms', async () => {
    const { context, page } = await newPage(browser.current, PHONE);
    await page.goto(`${baseUrl}/`);
    await page.fill('input[name=email]', 'learner@ajimi.local');
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    // The first visit asks for a name and the dishes the cook is working on (once per account).
    await page.locator('[data-testid=first-run], [data-testid=room-my_coaching]').first().waitFor({ timeout: 15_000 });
    if (await page.locator('[data-testid=first-run]').count()) {
      await page.click('[data-testid=dish-chip-fried-rice]');
      await page.click('[data-testid=first-run-save]');
    }
    for (const kind of ['my_coaching', 'cooking_videos', 'help']) {
      await page.locator(`[data-testid=room-${kind}]`).waitFor({ timeout: 15_000 });
    }
    expect(await page.locator('[data-testid=room-my_coaching]').innerText()).toContain('マイコーチング');
    await screenshot(page, 'learner-rooms');

    // The session survives a reload (httpOnly cookie), and signing out ends it.
    await page.reload();
    await page.locator('[data-testid=room-help]').waitFor();
    await page.click('[data-testid=sign-out]');
    await page.locator('input[name=email]').waitFor();
    const me = await context.request.get(`${baseUrl}/api/auth/me`);
    expect(me.status()).toBe(401);
    await context.close();
  });

  it('shows the server’s message for a wrong password', async () => {
    const { context, page } = await newPage(browser.current, PHONE);
    await page.goto(`${baseUrl}/`);
    await page.fill('input[name=email]', 'learner@ajimi.local');
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('button[type=submit]');
    const error = page.locator('[data-testid=signin-error]');
    await error.waitFor();
    expect(await error.innerText()).toContain('The email or password is not correct.');
    await context.close();
  });

  it('is an installable PWA: manifest and service worker', async () => {
    const { context, page } = await newPage(browser.current, PHONE);
    await page.goto(`${baseUrl}/`);
    const manifest = await (await context.request.get(`${baseUrl}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ start_url: '/', display: 'standalone' });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    const registered = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return Boolean(reg.active);
    });
    expect(registered).toBe(true);
    await context.close();
  });
});
