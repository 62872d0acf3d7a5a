/**
 * `node --import tsx scripts/screenshots/console-knowledge.ts`
 * Regenerates docs/screenshots/knowledge-editor.png (a content editor on a principle: structured
 * fields, Markdown with its preview, embedding status and version history) and
 * docs/screenshots/knowledge-retrieval-tester.png, on a freshly started product (the e2e start-up:
 * built front-ends, a temporary data dir, the demo accounts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { DESKTOP, launchBrowser, newPage } from '../../e2e/support/browser';
import { setup, teardown } from '../../e2e/support/start-product';

const out = path.resolve(import.meta.dirname, '../../docs/screenshots');
const provided: Record<string, string> = {};
await setup({ provide: (key: string, value: string) => (provided[key] = value) } as unknown as TestProject);
const baseUrl = provided.baseUrl!;
const browser = await launchBrowser();
try {
  const { page } = await newPage(browser, { ...DESKTOP, viewport: { width: 1440, height: 1000 } });
  await page.goto(`${baseUrl}/console/`);
  await page.fill('input[name=username]', 'content@ajimi.local');
  await page.fill('input[name=password]', provided.demoPassword!);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 15_000 });

  const res = await page.request.get(`${baseUrl}/api/console/principles?filter=${encodeURIComponent(JSON.stringify({ q: 'fried-rice-hot-pan' }))}`);
  const [principle] = (await res.json()) as Array<{ id: string }>;
  if (!principle) throw new Error('the seeded principle fried-rice-hot-pan is missing');
  await page.goto(`${baseUrl}/console/principles/${principle.id}`);
  await page.locator('[data-testid="embedding-status"][data-status="ready"]').first().waitFor({ timeout: 90_000 });
  await page.getByTestId('markdown-preview').waitFor();
  fs.mkdirSync(out, { recursive: true });
  await page.screenshot({ path: path.join(out, 'knowledge-editor.png'), fullPage: true });

  await page.goto(`${baseUrl}/console/retrieval-tester`);
  await page.getByTestId('retrieval-question').fill('具材を入れたとき音が小さかった。ご飯がべちゃっとする');
  await page.getByTestId('retrieval-run').click();
  await page.getByTestId('retrieval-chunk').first().waitFor({ timeout: 20_000 });
  await page.screenshot({ path: path.join(out, 'knowledge-retrieval-tester.png'), fullPage: true });
  console.log(`wrote ${path.join(out, 'knowledge-editor.png')} and knowledge-retrieval-tester.png`);
} finally {
  await browser.close();
  await teardown();
}
