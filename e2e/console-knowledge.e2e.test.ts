import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it, inject } from 'vitest';
import { DESKTOP, newPage, screenshot, useBrowser } from './support/browser';
import { SIGNED_OUT, searchConsoleList, showDemoCook, signInConsole } from './support/console';
import { expectHealthy, watchPage } from './support/sweep';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const browser = useBrowser();

/**
 * The worker embeds (or re-embeds) in the background: wait for the live chip to say the chunks were
 * made from the given version (an earlier version's "ready" says nothing about the edit).
 */
async function waitForEmbedding(page: Page, status: string, version?: number, timeout = 90_000): Promise<void> {
  const ofVersion = version === undefined ? '' : `[data-version="${version}"][data-embedded-version="${version}"]`;
  await page.locator(`[data-testid="embedding-status"][data-status="${status}"]${ofVersion}`).first().waitFor({ timeout });
}

describe('knowledge base (content editor, desktop)', () => {
  it('edits a principle as a draft, publishes it; once re-embedded, the retrieval tester returns the new text first', { timeout: 240_000 }, async () => {
    const { context, page } = await newPage(browser.current, DESKTOP);
    const problems = await watchPage(page, SIGNED_OUT);
    await signInConsole(page, baseUrl, 'content@ajimi.local', password);

    // The list, searched for the fried-rice core principle.
    await page.goto(`${baseUrl}/console/principles`);
    await searchConsoleList(page, 'fried-rice-hot-pan');
    const row = page.locator('tr', { hasText: 'fried-rice-hot-pan' }).first();
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    await page.waitForURL(/\/console\/principles\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await waitForEmbedding(page, 'ready');
    const versionBefore = Number(await page.getByTestId('principle-version').innerText());
    await expectHealthy(page, problems, 'principle edit');

    // A sentence with a word nothing else in the knowledge base has. It is one Latin token starting
    // with letters: the lexical embedding drops digit runs, and Japanese words (ゆらぎ = 揺らぎ, the oil's
    // shimmer) already appear elsewhere, so a word like "ゆらぎ検証123456" ranked another principle first.
    const word = `zqv${randomBytes(4).toString('hex')}`;
    // The whole record (the list row has no body) has arrived: the form is mounted with it.
    await page.getByTestId('live-notice').or(page.getByTestId('draft-notice')).first().waitFor({ timeout: 60_000 });
    const body = page.locator('textarea[name="body_md"]');
    await expect.poll(() => body.inputValue(), { timeout: 30_000 }).not.toBe('');
    const old = await body.inputValue();
    const sentence = `${word} が見えたら具材を入れましょう。`;
    await body.fill(`${sentence}\n\n${old}`);
    await expect.poll(() => page.getByTestId('markdown-preview').innerText()).toContain(word);
    const save = page.locator('button[type=submit]').first();
    await expect.poll(() => save.isEnabled(), { timeout: 10_000 }).toBe(true);
    await save.click();

    // Saved as a draft: the live version (what retrieval uses) is unchanged until it is published.
    await page.getByTestId('draft-notice').waitFor({ timeout: 20_000 });
    const id = page.url().split('/').pop();
    const drafted = (await (await context.request.get(`${baseUrl}/api/console/principles/${id}`)).json()) as { version: number; body_md: string; draft: { body_md: string } | null };
    expect(drafted.version).toBe(versionBefore);
    expect(drafted.body_md).not.toContain(word);
    expect(drafted.draft?.body_md).toContain(word);
    expect(Number(await page.getByTestId('principle-version').innerText())).toBe(versionBefore);

    // Published on purpose: a new version, then the worker's reembed job for that version finishes, as the page and the API both say.
    await page.getByTestId('publish').click();
    await expect.poll(async () => Number(await page.getByTestId('principle-version').innerText()), { timeout: 20_000 }).toBe(versionBefore + 1);
    await waitForEmbedding(page, 'ready', versionBefore + 1);
    const saved = (await (await context.request.get(`${baseUrl}/api/console/principles/${id}`)).json()) as { version: number; embedding_status: string; embedded_version: number; draft: unknown };
    expect(saved).toMatchObject({ version: versionBefore + 1, embedding_status: 'ready', embedded_version: versionBefore + 1, draft: null });
    expect(await page.getByTestId('version-history').innerText()).toContain(String(versionBefore + 1));

    // The retrieval tester, from the menu.
    await page.locator(`a[href="/console/retrieval-tester"]`).first().click();
    // Asked as the pipeline asks (for the dish) and in the edit's own words: the offline lexical
    // embedding gives one rare token little weight in a long chunk, so a one-word question ranked
    // other principles' chunks first (1 run in 3), whatever the embedding status said.
    await page.getByTestId('retrieval-question').fill(`${sentence} いつですか？`);
    await page.getByTestId('retrieval-dish').click();
    await page.locator('li[data-value="fried-rice"]').click();
    await page.getByTestId('retrieval-run').click();
    const first = page.getByTestId('retrieval-chunk').first();
    await first.waitFor({ timeout: 20_000 });
    expect(await first.innerText()).toContain(word);
    expect(await first.innerText()).toContain('fried-rice-hot-pan');
    await screenshot(page, 'console-knowledge-retrieval');
    await expectHealthy(page, problems, 'after publishing and retrieval');
    await context.close();
  });

  it('does not show the knowledge base to a coach, who has the cooks and their chat instead', async () => {
    const { context, page } = await newPage(browser.current, DESKTOP);
    await signInConsole(page, baseUrl, 'coach@ajimi.local', password);
    await page.locator('a[href="/console/cooks"]').first().click({ timeout: 20_000 });
    await showDemoCook(page);
    await page.locator('tr', { hasText: 'learner@ajimi.local' }).first().click({ timeout: 20_000 });
    await page.getByTestId('cook-transcript').waitFor({ timeout: 20_000 });
    expect(await page.locator('a[href="/console/principles"]').count()).toBe(0);
    const res = await context.request.get(`${baseUrl}/api/console/principles`);
    expect(res.status()).toBe(403);
    await context.close();
  });

  it('shows the admin the pipeline overview, the queues and the audit log of the edit above', async () => {
    const { context, page } = await newPage(browser.current, DESKTOP);
    await signInConsole(page, baseUrl, 'admin@ajimi.local', password);
    await page.locator('a[href="/console/operations"]').first().click({ timeout: 20_000 });
    await page.getByTestId('stage-counts').waitFor({ timeout: 20_000 });
    await page.getByTestId('queue-table').getByText('原則の埋め込み', { exact: true }).first().waitFor({ timeout: 20_000 });
    await page.locator('a[href="/console/audit-log"]').first().click();
    await page.getByText('原則を公開した').first().waitFor({ timeout: 20_000 });
    await context.close();
  });
});
