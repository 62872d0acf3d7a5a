import type { Page } from 'playwright-core';
import { describe, expect, it, inject } from 'vitest';
import { DESKTOP, newPage, useBrowser } from './support/browser';
import { SIGNED_OUT, searchConsoleList, showDemoCook, signInConsole, sweepCookPage, switchConsoleLanguage } from './support/console';
import { expectAccessible, expectHealthy, expectNoRawCodes, watchPage, type PageProblems } from './support/sweep';

/**
 * The browser sweep of the console (issue 16): every page for every staff role, every action on it at
 * least once (menus, tabs, buttons, language and theme), failing on an error boundary, a console error
 * or an unhandled rejection, with axe-core on each page. The review workspace has its own file.
 */
const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const browser = useBrowser();

/** Opens a page from the menu, waits for it to settle, then checks it. */
async function visit(page: Page, problems: PageProblems, path: string, ready: () => Promise<unknown>): Promise<void> {
  await page.locator(`a[href="/console/${path}"]`).first().click({ timeout: 20_000 });
  await page.waitForURL((url) => url.pathname === `/console/${path}`, { timeout: 15_000 });
  await ready();
  await expectHealthy(page, problems, path);
  await expectNoRawCodes(page, path);
  await expectAccessible(page, path);
}

/** react-admin has finished loading: no spinner in the app bar. */
async function settled(page: Page): Promise<void> {
  await page.locator('main').first().waitFor({ timeout: 20_000 });
  await expect.poll(() => page.locator('.app-loader').count(), { timeout: 20_000 }).toBe(0);
}

describe('console sweep', () => {
  it('admin: every page, row, tab and switch', { timeout: 170_000 }, async () => {
    const { context, page } = await newPage(browser.current, DESKTOP);
    const problems = await watchPage(page, SIGNED_OUT);
    await signInConsole(page, baseUrl, 'admin@ajimi.local', password);
    await page.getByTestId('queue-summary').or(page.locator('main')).first().waitFor({ timeout: 20_000 });
    await expectHealthy(page, problems, 'dashboard');
    await expectAccessible(page, 'dashboard');

    await visit(page, problems, 'reviews', () => settled(page));
    await visit(page, problems, 'cooks', () => showDemoCook(page));

    // A cook: the journey and every chat room, a human reply, then the thread handed back to the AI.
    await sweepCookPage(page, problems, 'admin');
    await expectAccessible(page, 'cook page');
    await expectNoRawCodes(page, 'cook page');
    await switchConsoleLanguage(page, 'English');
    await expectHealthy(page, problems, 'cook page in English');
    await switchConsoleLanguage(page, '日本語');

    await visit(page, problems, 'principles', () => page.locator('main tbody tr').first().waitFor({ timeout: 20_000 }));
    await searchConsoleList(page, 'fried-rice-hot-pan');
    await expect.poll(() => page.locator('main tbody tr').count(), { timeout: 20_000 }).toBe(1);
    await page.locator('tr', { hasText: 'fried-rice-hot-pan' }).first().click();
    await page.waitForURL(/\/console\/principles\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await page.locator('textarea[name="body_md"]').waitFor({ timeout: 20_000 });
    await expectHealthy(page, problems, 'principle edit');
    await expectAccessible(page, 'principle edit');
    await page.goto(`${baseUrl}/console/principles/create`);
    await page.locator('input[name="slug"]').waitFor({ timeout: 20_000 });
    await expectHealthy(page, problems, 'principle create');
    await expectAccessible(page, 'principle create');

    await visit(page, problems, 'retrieval-tester', () => page.getByTestId('retrieval-question').waitFor({ timeout: 20_000 }));
    await page.getByTestId('retrieval-question').fill('鍋が熱くないときは？');
    await page.getByTestId('retrieval-run').click();
    await page.getByTestId('retrieval-chunk').first().waitFor({ timeout: 20_000 });
    await expectHealthy(page, problems, 'retrieval results');
    await expectAccessible(page, 'retrieval results');

    await visit(page, problems, 'dishes', () => page.locator('main tbody tr').first().waitFor({ timeout: 20_000 }));
    await page.locator('main tbody tr').first().click();
    await page.locator('input[name="name_en"]').waitFor({ timeout: 30_000 });
    await expectHealthy(page, problems, 'dish edit');
    await expectAccessible(page, 'dish edit');

    await visit(page, problems, 'users', () => page.locator('tr', { hasText: 'coach@ajimi.local' }).first().waitFor({ timeout: 20_000 }));
    await page.locator('tr', { hasText: 'coach@ajimi.local' }).first().click();
    await page.locator('input[name="name"]').waitFor({ timeout: 20_000 });
    await expectHealthy(page, problems, 'user edit');
    await expectAccessible(page, 'user edit');
    await page.goto(`${baseUrl}/console/users/create`);
    await page.locator('input[name="email"]').waitFor({ timeout: 20_000 });
    await expectHealthy(page, problems, 'user create');
    await expectAccessible(page, 'user create');

    await visit(page, problems, 'operations', () => page.getByTestId('stage-counts').waitFor({ timeout: 20_000 }));
    await visit(page, problems, 'audit-log', () => page.locator('main tbody tr').first().waitFor({ timeout: 20_000 }));
    await page.locator('main tbody tr').first().click();
    await expectHealthy(page, problems, 'audit row expanded');

    // The whole console in English, and the dark theme.
    await switchConsoleLanguage(page, 'English');
    for (const path of ['reviews', 'cooks', 'principles', 'dishes', 'users', 'operations', 'audit-log']) {
      await page.locator(`a[href="/console/${path}"]`).first().click();
      await page.waitForURL((url) => url.pathname === `/console/${path}`);
      await page.locator('main').first().waitFor();
      await expectHealthy(page, problems, `${path} in English`);
    }
    await page.getByRole('button', { name: /Toggle light\/dark mode|ダークモード/ }).first().click();
    await page.waitForTimeout(800); // MUI's colour transitions finish before axe measures contrast
    await expectHealthy(page, problems, 'dark theme');
    await expectAccessible(page, 'audit log, dark theme');
    expect(problems.errors).toEqual([]);
    await context.close();
  });
});
