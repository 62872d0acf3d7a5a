import type { Page } from 'playwright-core';
import { describe, expect, it, inject } from 'vitest';
import { DESKTOP, newPage, useBrowser, screenshot } from './support/browser';
import { searchConsoleList } from './support/console';

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

describe('console (desktop)', () => {
  it('signs the admin in and lists the users', async () => {
    const { context, page } = await newPage(browser.current, DESKTOP);
    await signIn(page, 'admin@ajimi.local');
    await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 15_000 });
    await page.locator('a[href="/console/users"]').first().click();
    await page.locator('main tbody tr').first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'console-users');
    // The list is sorted by email, 25 a page, and every browser test adds cooks (cook-…@e2e.ajimi.local
    // sorts before learner@): each demo account is found through the search box, not on page 1.
    for (const email of ['admin@ajimi.local', 'coach@ajimi.local', 'content@ajimi.local', 'learner@ajimi.local']) {
      await searchConsoleList(page, email);
      await page.locator('tr', { hasText: email }).first().waitFor({ timeout: 20_000 });
    }
    await context.close();
  });

  it('refuses a learner', async () => {
    const { context, page } = await newPage(browser.current, DESKTOP);
    await signIn(page, 'learner@ajimi.local');
    await page.getByText(/This console is for coaches and staff|コーチとスタッフ/).waitFor({ timeout: 15_000 });
    // Still on the login form, and the API agrees the learner has no console access.
    expect(await page.locator('input[name=username]').count()).toBe(1);
    const res = await context.request.get(`${baseUrl}/api/console/users`);
    expect([401, 403]).toContain(res.status());
    await context.close();
  });
});
