/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it, inject } from 'vitest';
import { createCook } from './support/accounts';
import { PHONE, newPage, useBrowser } from './support/browser';
import { expectAccessible, expectHealthy, expectNoRawCodes, watchPage, type PageProblems } from './support/sweep';

/**
 * The browser sweep of the learner app (issue 16): every screen a cook reaches, every action on it
 * at least once (rooms, composer, new session, dish history, profile, language, sign-out), failing on
 * an error boundary, a console error or an unhandled rejection, with axe-core on each screen.
 */
const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const browser = useBrowser();

/** The browser's own lines for the 401 of "who am I?" before signing in and after signing out. */
const SIGNED_OUT = [/status of 401/];

async function check(page: Page, problems: PageProblems, where: string): Promise<void> {
  await page.locator('[data-testid=loading]').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  await expectHealthy(page, problems, where);
  await expectNoRawCodes(page, where);
  await expectAccessible(page, where);
}

describe('learner app sweep (phone)', () => {
  it('a new cook: sign-in, first run, every room, new session, dish history, profile, language, sign-out', { timeout: 170_000 }, async () => {
    const { context, page } = await newPage(browser.current, PHONE);
    const cook = await createCook(baseUrl, password, 'Sweep cook', 'sweep');
    const problems = await watchPage(page, SIGNED_OUT);
    await page.goto(`${baseUrl}/`);
    await page.locator('input[name=email]').waitFor({ timeout: 20_000 });
    await check(page, problems, 'sign-in');
    await page.fill('input[name=email]', cook.email);
    await page.fill('input[name=password]', cook.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=first-run]').waitFor({ timeout: 20_000 });
    await check(page, problems, 'first run');
    await page.fill('input[name=name]', 'スイープ');
    await page.click('[data-testid=dish-chip-fried-rice]');
    await page.click('[data-testid=first-run-save]');
    await page.locator('[data-testid=room-my_coaching]').waitFor({ timeout: 20_000 });
    await check(page, problems, 'rooms');

    for (const kind of ['my_coaching', 'cooking_videos', 'help']) {
      await page.click(`[data-testid=room-${kind}]`);
      await page.locator('[data-testid=messages-empty], [data-testid=uploads-empty], [data-testid=messages] > li').first().waitFor({ timeout: 15_000 });
      await check(page, problems, `room ${kind}`);
      await page.click('[data-testid=back]');
      await page.locator('[data-testid=rooms]').waitFor({ timeout: 15_000 });
    }
    // A question in the help room.
    await page.click('[data-testid=room-help]');
    await page.locator('textarea').first().fill('火加減はどうすればいいですか？');
    await page.click('[data-testid=composer-send]');
    await page.getByText('火加減はどうすればいいですか？').first().waitFor({ timeout: 15_000 });
    await check(page, problems, 'help room after a question');
    await page.click('[data-testid=back]');

    await page.click('[data-testid=new-session-button]');
    await page.locator('[data-testid=new-session]').waitFor({ timeout: 15_000 });
    await check(page, problems, 'new session');
    // A text file renamed .mp4 is caught in the browser by its first bytes, before any upload.
    await page.setInputFiles('[data-testid=video-file]', { name: 'not-a-video.mp4', mimeType: 'video/mp4', buffer: Buffer.from('this is a text file, not a video\n'.repeat(40)) });
    await page.locator('[data-testid=video-problem][data-code=not_video]').waitFor({ timeout: 10_000 });
    // A long note is counted and flagged, never cut.
    const long = 'あ'.repeat(2100);
    await page.fill('[data-testid=note]', long);
    expect(await page.inputValue('[data-testid=note]')).toHaveLength(2100);
    expect(await page.getByTestId('note-count').innerText()).toContain('100');
    await check(page, problems, 'new session with a wrong file and a long note');
    await page.click('[data-testid=back]');

    await page.click('[data-testid=dish-fried-rice]');
    await page.locator('[data-testid=dish-history]').waitFor({ timeout: 15_000 });
    await check(page, problems, 'dish history');
    await page.click('[data-testid=back]');

    await page.click('[data-testid=edit-dishes]');
    await page.locator('[data-testid=first-run]').waitFor({ timeout: 15_000 });
    await check(page, problems, 'profile');
    await page.click('[data-testid=first-run-save]');
    await page.locator('[data-testid=rooms]').waitFor({ timeout: 15_000 });

    await page.click('[data-testid=language-switcher]');
    await page.click('[data-testid=language-en]');
    await page.getByText('My Coaching').first().waitFor({ timeout: 10_000 });
    await check(page, problems, 'rooms in English');
    await page.click('[data-testid=room-help]');
    await page.locator('[data-testid=messages-empty], [data-testid=uploads-empty], [data-testid=messages] > li').first().waitFor({ timeout: 15_000 });
    await check(page, problems, 'help room in English');
    await page.click('[data-testid=back]');
    await page.click('[data-testid=language-switcher]');
    await page.click('[data-testid=language-ja]');
    await page.getByText('マイコーチング').first().waitFor({ timeout: 10_000 });

    await page.click('[data-testid=sign-out]');
    await page.locator('input[name=email]').waitFor({ timeout: 15_000 });
    await expectHealthy(page, problems, 'signed out');
    await context.close();
  });
});
