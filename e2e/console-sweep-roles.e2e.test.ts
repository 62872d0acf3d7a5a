import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, it, inject } from 'vitest';
import { makePrinciple } from '../core/src/services/knowledge/testing/principle-fixture';
import { toPrincipleFields } from '../core/src/services/knowledge/import-knowledge';
import { DESKTOP, newPage, useBrowser } from './support/browser';
import { SIGNED_OUT, searchConsoleList, showDemoCook, signInConsole, sweepCookPage, switchConsoleLanguage } from './support/console';
import { expectAccessible, expectHealthy, expectNoRawCodes, watchPage, type PageProblems } from './support/sweep';

/**
 * The console sweep per role (issue 16): the coach and the content editor each visit every page they
 * can reach and use every action on it at least once, failing on an error boundary, a console error,
 * an unhandled rejection, raw codes in the text, or a serious axe violation. The admin's sweep is
 * console-sweep.e2e.test.ts; the review workspace has its own file.
 */
const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const browser = useBrowser();

/** Every check a page gets: healthy, no raw codes, accessible (once a notification has finished appearing). */
async function check(page: Page, problems: PageProblems, where: string): Promise<void> {
  if (await page.locator('.MuiSnackbarContent-root').count()) await page.waitForTimeout(800);
  await expectHealthy(page, problems, where);
  await expectNoRawCodes(page, where);
  await expectAccessible(page, where);
}

async function visit(page: Page, problems: PageProblems, path: string, ready: () => Promise<unknown>): Promise<void> {
  await page.locator(`a[href="/console/${path}"]`).first().click({ timeout: 20_000 });
  await page.waitForURL((url) => url.pathname === `/console/${path}`, { timeout: 15_000 });
  await ready();
  await check(page, problems, path);
}

/** The menu entries a role sees (their hrefs). */
async function menu(page: Page): Promise<string[]> {
  const hrefs = await page.locator('a[href^="/console/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return [...new Set(hrefs.filter((h) => /^\/console\/[a-z-]+$/.test(h)))].sort();
}

/** A principle and a dish of the sweep's own (the shared demo ones stay untouched). */
async function ownContent(request: APIRequestContext): Promise<{ principleId: string; dishId: string; slug: string }> {
  const tag = randomUUID().slice(0, 8);
  const slug = `sweep-${tag}`;
  const principle = await request.post(`${baseUrl}/api/console/principles`, {
    data: { slug, published: false, ...toPrincipleFields(makePrinciple(slug, { title: { ja: `巡回テストの原則 ${tag}`, en: `Sweep principle ${tag}` } })) },
  });
  expect(principle.status(), await principle.text()).toBe(201);
  const dish = await request.post(`${baseUrl}/api/console/dishes`, {
    data: { slug: `sweep-dish-${tag}`, name_ja: `巡回の料理 ${tag}`, name_en: `Sweep dish ${tag}`, rubric: { expectedSeconds: [60, 300], motion: 'constant', sizzleExpected: true, corePrinciple: slug, watchFor: ['pan_not_hot'] } },
  });
  expect(dish.status(), await dish.text()).toBe(201);
  return { principleId: ((await principle.json()) as { id: string }).id, dishId: ((await dish.json()) as { id: string }).id, slug };
}

describe('console sweep per role', () => {
  it('content editor: knowledge base, drafts and publishing, dishes and versions, retrieval tester', { timeout: 240_000 }, async () => {
    const { context, page } = await newPage(browser.current, DESKTOP);
    const problems = await watchPage(page, SIGNED_OUT);
    await signInConsole(page, baseUrl, 'content@ajimi.local', password);
    await page.locator('main').first().waitFor({ timeout: 20_000 });
    await check(page, problems, 'content dashboard');
    expect(await menu(page)).toEqual(['/console/dishes', '/console/principles', '/console/retrieval-tester']);
    const own = await ownContent(context.request);

    // Principles: the list and its filters, then the sweep's own principle through every action.
    await visit(page, problems, 'principles', () => page.locator('main tbody tr').first().waitFor({ timeout: 20_000 }));
    await searchConsoleList(page, own.slug);
    await expect.poll(() => page.locator('main tbody tr').count(), { timeout: 20_000 }).toBe(1);
    await page.locator('main tbody tr').first().click();
    await page.waitForURL(new RegExp(`/console/principles/${own.principleId}$`), { timeout: 15_000 });
    // The whole record (the list row has no body) has arrived: the form is mounted with it.
    await page.getByTestId('live-notice').or(page.getByTestId('draft-notice')).first().waitFor({ timeout: 60_000 });
    const body = page.locator('textarea[name="body_md"]');
    await expect.poll(() => body.inputValue(), { timeout: 30_000 }).not.toBe('');
    await check(page, problems, 'principle edit');
    await body.fill('下書きの本文。\n\n## English\n\nDraft body.');
    await page.locator('button[type=submit]').first().click();
    await page.getByTestId('draft-notice').waitFor({ timeout: 20_000 });
    await check(page, problems, 'principle with a draft');
    await page.getByTestId('discard-draft').click();
    await expect.poll(() => page.getByTestId('draft-notice').count(), { timeout: 20_000 }).toBe(0);
    await body.fill('公開する本文。\n\n## English\n\nPublished body.');
    await page.locator('button[type=submit]').first().click();
    await page.getByTestId('draft-notice').waitFor({ timeout: 20_000 });
    await page.getByTestId('publish').click();
    await expect.poll(async () => Number(await page.getByTestId('principle-version').innerText()), { timeout: 20_000 }).toBe(2);
    await page.getByRole('button', { name: /下書きとして復元/ }).first().click();
    await page.getByTestId('draft-notice').waitFor({ timeout: 20_000 });
    await page.getByTestId('discard-draft').click();
    await page.getByTestId('unpublish').click();
    await page.getByTestId('publish').waitFor({ timeout: 20_000 });
    await check(page, problems, 'principle after publish, restore, discard and unpublish');
    await page.goto(`${baseUrl}/console/principles/create`);
    await page.locator('input[name="slug"]').waitFor({ timeout: 20_000 });
    await check(page, problems, 'principle create');

    // Dishes: the list, the sweep's own dish saved as a new version and an older one restored.
    await visit(page, problems, 'dishes', () => page.locator('main tbody tr').first().waitFor({ timeout: 20_000 }));
    await page.goto(`${baseUrl}/console/dishes/${own.dishId}`);
    const nameEn = page.locator('input[name="name_en"]');
    await expect.poll(() => nameEn.inputValue(), { timeout: 30_000 }).toContain('Sweep dish');
    await check(page, problems, 'dish edit');
    await nameEn.fill('Sweep dish, edited');
    await page.locator('button[type=submit]').first().click();
    await expect.poll(() => page.getByTestId('dish-versions').locator('li').count(), { timeout: 20_000 }).toBe(2);
    await page.getByTestId('dish-versions').getByRole('button', { name: /復元/ }).first().click();
    await expect.poll(() => page.getByTestId('dish-versions').locator('li').count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => nameEn.inputValue(), { timeout: 20_000 }).not.toContain('edited');
    await check(page, problems, 'dish after save and restore');
    await page.goto(`${baseUrl}/console/dishes/create`);
    await page.locator('input[name="slug"]').waitFor({ timeout: 20_000 });
    await check(page, problems, 'dish create');

    // The retrieval tester: a question for a dish.
    await visit(page, problems, 'retrieval-tester', () => page.getByTestId('retrieval-question').waitFor({ timeout: 20_000 }));
    await page.getByTestId('retrieval-question').fill('鍋が熱くないときは？');
    await page.getByTestId('retrieval-dish').click();
    await page.locator('li[data-value="fried-rice"]').click();
    await page.getByTestId('retrieval-run').click();
    await page.getByTestId('retrieval-chunk').first().waitFor({ timeout: 20_000 });
    await check(page, problems, 'retrieval results');

    // Every page again in English.
    await switchConsoleLanguage(page, 'English');
    for (const path of ['principles', 'dishes', 'retrieval-tester']) {
      await page.locator(`a[href="/console/${path}"]`).first().click();
      await page.waitForURL((url) => url.pathname === `/console/${path}`);
      await page.locator('main').first().waitFor();
      await expectHealthy(page, problems, `${path} in English`);
      await expectNoRawCodes(page, `${path} in English`);
    }
    // What is not theirs is refused, with words rather than a crash.
    expect((await context.request.get(`${baseUrl}/api/console/reviews`)).status()).toBe(403);
    expect(problems.errors).toEqual([]);
    await context.close();
  });

  it('chef-coach: the queue, the cooks and their chat, in both languages; no knowledge base or admin pages', { timeout: 170_000 }, async () => {
    const { context, page } = await newPage(browser.current, DESKTOP);
    const problems = await watchPage(page, SIGNED_OUT);
    await signInConsole(page, baseUrl, 'coach@ajimi.local', password);
    await page.locator('main').first().waitFor({ timeout: 20_000 });
    await check(page, problems, 'coach dashboard');
    expect(await menu(page)).toEqual(['/console/cooks', '/console/reviews']);

    await visit(page, problems, 'reviews', () => expect.poll(() => page.locator('.app-loader').count(), { timeout: 20_000 }).toBe(0));
    await visit(page, problems, 'cooks', () => showDemoCook(page));
    await sweepCookPage(page, problems, 'coach');
    await check(page, problems, 'coach: cook page after reply and hand-back');

    await switchConsoleLanguage(page, 'English');
    await expectHealthy(page, problems, 'coach: cook page in English');
    await expectNoRawCodes(page, 'coach: cook page in English');
    for (const path of ['reviews', 'cooks']) {
      await page.locator(`a[href="/console/${path}"]`).first().click();
      await page.waitForURL((url) => url.pathname === `/console/${path}`);
      await page.locator('main').first().waitFor();
      await expectHealthy(page, problems, `coach: ${path} in English`);
      await expectNoRawCodes(page, `coach: ${path} in English`);
    }
    await switchConsoleLanguage(page, '日本語');
    for (const path of ['principles', 'dishes', 'users', 'operations']) {
      expect((await context.request.get(`${baseUrl}/api/console/${path}`)).status(), path).toBe(403);
    }
    expect(problems.errors).toEqual([]);
    await context.close();
  });
});
