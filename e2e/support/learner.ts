import type { Page } from 'playwright-core';

/** A cook signs in to the learner app and finishes first run (their name, one dish); ends on the rooms. */
export async function signInAndOnboard(page: Page, baseUrl: string, cook: { email: string; password: string }, options: { name?: string; dish?: string } = {}): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.fill('input[name=email]', cook.email);
  await page.fill('input[name=password]', cook.password);
  await page.click('button[type=submit]');
  await page.locator('[data-testid=first-run]').waitFor({ timeout: 20_000 });
  await page.fill('input[name=name]', options.name ?? 'あき');
  await page.click(`[data-testid=dish-chip-${options.dish ?? 'fried-rice'}]`);
  await page.click('[data-testid=first-run-save]');
  await page.locator('[data-testid=room-my_coaching]').waitFor({ timeout: 20_000 });
}

/** From the rooms, the new-session screen. */
export async function openNewSessionScreen(page: Page): Promise<void> {
  await page.click('[data-testid=new-session-button]');
  await page.locator('[data-testid=new-session]').waitFor();
}
