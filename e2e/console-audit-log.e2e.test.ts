import { describe, expect, it, inject } from 'vitest';
import { createCook } from './support/accounts';
import { DESKTOP, newPage, useBrowser } from './support/browser';
import { SIGNED_OUT, signInConsole } from './support/console';
import { api, apiLogin } from './support/product-api';
import { expectHealthy, watchPage } from './support/sweep';

/**
 * The audit log is paged without counting it (issue 11: counting 20,000 rows cost more than the
 * page): react-admin's partial pagination, previous/next with "N件以上" until the page that reaches
 * the end, which knows the exact total.
 */
const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const browser = useBrowser();

describe('console audit log', () => {
  it('pages with previous/next without a total until the last page', { timeout: 90_000 }, async () => {
    // Seven entries of this test's own: the account's creation and six renames.
    const cook = await createCook(baseUrl, password, 'E2E audit', 'audit');
    const admin = await apiLogin('admin@ajimi.local');
    for (let i = 1; i <= 6; i++) await api(admin, `/api/console/users/${cook.id}`, { method: 'PUT', body: JSON.stringify({ name: `E2E audit ${i}` }) });

    const { context, page } = await newPage(browser.current, DESKTOP);
    const problems = await watchPage(page, SIGNED_OUT);
    await signInConsole(page, baseUrl, 'admin@ajimi.local', password);
    // The list's parameters in the URL, as react-admin keeps them: this cook's rows, three a page.
    const filter = encodeURIComponent(JSON.stringify({ q: cook.id, routine: false }));
    // The API's answer for a range: what the list asked for and what the API said about the rest.
    const answer = (range: string) =>
      page.waitForResponse((r) => r.url().includes('/api/console/audit-log?') && decodeURIComponent(r.url()).includes(`range=${range}`), { timeout: 20_000 }).then((r) => r.headers()['content-range']);
    const firstAnswer = answer('[0,2]');
    await page.goto(`${baseUrl}/console/audit-log?filter=${filter}&page=1&perPage=3&sort=id&order=DESC`);
    expect(await firstAnswer).toBe('audit-log 0-2/*');

    const rows = page.locator('main tbody tr.RaDataTable-row'); // (each row has a hidden expand row beside it)
    const info = page.locator('.MuiTablePagination-displayedRows');
    const next = page.getByRole('button', { name: '次のページへ移動' });
    const previous = page.getByRole('button', { name: '前のページへ移動' });
    await expect.poll(() => info.textContent(), { timeout: 20_000 }).toBe('1-3 / 3件以上');
    expect(await rows.count()).toBe(3);
    expect(await previous.isDisabled()).toBe(true);

    const secondAnswer = answer('[3,5]');
    await next.click();
    expect(await secondAnswer).toBe('audit-log 3-5/*');
    await expect.poll(() => info.textContent(), { timeout: 20_000 }).toBe('4-6 / 6件以上');
    expect(await rows.count()).toBe(3);
    await expectHealthy(page, problems, 'audit log, page 2');

    // The last page reaches the end: the API sends the exact total and there is no next page.
    const lastAnswer = answer('[6,8]');
    await next.click();
    expect(await lastAnswer).toBe('audit-log 6-6/7');
    await expect.poll(() => info.textContent(), { timeout: 20_000 }).toBe('7-7 / 7件');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(1);
    expect(await next.isDisabled()).toBe(true);
    expect(await rows.first().textContent()).toContain('作成'); // the account's creation, the oldest entry

    await previous.click();
    await expect.poll(() => info.textContent(), { timeout: 20_000 }).toBe('4-6 / 6件以上');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(3);
    expect(await rows.first().textContent()).not.toContain('作成');
    await expectHealthy(page, problems, 'audit log, back to page 2');
    expect(problems.errors).toEqual([]);
    await context.close();
  });
});
