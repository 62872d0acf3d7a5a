import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectHealthy, type PageProblems } from './sweep';

/** The browser's own line for the 401 of "who am I?" before anyone has signed in. */
export const SIGNED_OUT = [/status of 401/];

/** Signs in to the console with the built-in password form. */
export async function signInConsole(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.locator('input[name=username]').waitFor({ timeout: 20_000 });
  await page.fill('input[name=username]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 15_000 });
}

/** The console's language menu in the app bar. */
export async function switchConsoleLanguage(page: Page, to: 'English' | '日本語'): Promise<void> {
  const from = to === 'English' ? '日本語' : 'English';
  await page.getByRole('button', { name: from }).first().click();
  await page.getByRole('menuitem', { name: to }).click();
  await page.getByRole('button', { name: to }).first().waitFor({ timeout: 10_000 });
}

/**
 * Types into a console list's search box until the filter is in the URL. react-admin resets the filter
 * form when the list's parameters arrive, so text typed while the first page is still loading can be
 * wiped: the box is filled again whenever it no longer holds the text.
 */
export async function searchConsoleList(page: Page, text: string): Promise<void> {
  const box = page.locator('input[name=q]');
  await box.waitFor({ timeout: 20_000 });
  await expect.poll(async () => {
    if ((await box.inputValue()) !== text) await box.fill(text);
    return decodeURIComponent(page.url());
  }, { timeout: 20_000, interval: 500 }).toContain(text);
}

/**
 * The demo cook's row in the cooks list. The list is newest activity first, 25 a page, and other
 * browser tests add cooks of their own: the demo cook is found through the search box, not on page 1.
 */
export async function showDemoCook(page: Page): Promise<void> {
  // The list re-renders once the (debounced) filter is in the URL and its rows are fetched: a row
  // clicked before that is replaced under the pointer and the click is lost.
  await searchConsoleList(page, 'learner@ajimi.local');
  await expect.poll(() => page.locator('tbody tr').count(), { timeout: 20_000 }).toBe(1);
  await page.locator('tr', { hasText: 'learner@ajimi.local' }).first().waitFor({ timeout: 20_000 });
}

/**
 * The demo cook's page, every action once: each chat tab, a human reply, then the thread handed
 * back to the AI. Checked for health after each step (`problems` from watchPage).
 */
export async function sweepCookPage(page: Page, problems: PageProblems, who: string): Promise<void> {
  await page.locator('tr', { hasText: 'learner@ajimi.local' }).first().click();
  await page.getByTestId('cook-transcript').waitFor({ timeout: 20_000 });
  const tabs = page.getByRole('tab');
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    await expectHealthy(page, problems, `${who}: cook chat tab ${i}`);
  }
  await tabs.first().click();
  const reply = `${who} sweep: コーチからの返信です`;
  await page.getByRole('textbox').last().fill(reply);
  await page.locator('form button[type=submit]').last().click();
  await page.getByTestId('cook-transcript').getByText(reply).waitFor({ timeout: 15_000 });
  await page.getByTestId('hand-back').click();
  await page.getByRole('button', { name: /引き継ぐ|Take over/ }).first().waitFor({ timeout: 15_000 });
  await expectHealthy(page, problems, `${who}: cook page after reply and hand-back`);
}
