import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** What the error boundaries of react-admin and the learner app show. */
const ERROR_BOUNDARY = /問題が発生しました|Something went wrong|エラーが発生しました|Something went wrong/;

export interface PageProblems {
  /** Console errors, uncaught exceptions and unhandled rejections, in the order they happened. */
  errors: string[];
}

/**
 * Listens to a page for the failures a person would not see as a test failure: console errors,
 * uncaught exceptions and unhandled promise rejections. `allow` lists expected console errors
 * (e.g. the browser's own line for a 401 the test provokes on purpose).
 */
export async function watchPage(page: Page, allow: RegExp[] = []): Promise<PageProblems> {
  const problems: PageProblems = { errors: [] };
  await page.addInitScript(() => {
    window.addEventListener('unhandledrejection', (event) => {
      const reason = event.reason as { stack?: string; message?: string } | undefined;
      console.error(`unhandledrejection: ${reason?.stack ?? reason?.message ?? String(event.reason)}`);
    });
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = `${message.text()} @ ${message.location().url}`;
    if (!allow.some((a) => a.test(text))) problems.errors.push(text);
  });
  page.on('pageerror', (error) => problems.errors.push(`pageerror: ${error.stack ?? error.message}`));
  return problems;
}

/** Fails when the page shows an error boundary or anything went wrong since the last check. */
export async function expectHealthy(page: Page, problems: PageProblems, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(ERROR_BOUNDARY.test(text) ? `${where}: error boundary shown:\n${text.slice(0, 600)}` : '').toBe('');
  expect(problems.errors, where).toEqual([]);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string }>;
}

/**
 * axe-core (injected from node_modules) on the page as it stands: no serious or critical violations.
 * Judged on the settled page: a snackbar or chip that starts fading in just after a check began is
 * measured at its momentary opacity, so a violation must still be there on a second look 0.8 s later.
 */
export async function expectAccessible(page: Page, where: string, options: { disable?: string[] } = {}): Promise<void> {
  let serious = await seriousViolations(page, options.disable ?? []);
  for (let look = 0; look < 2 && serious.length; look++) {
    await page.waitForTimeout(800);
    serious = await seriousViolations(page, options.disable ?? []);
  }
  if (!serious.length) return;
  // The first line names the rule and the element, so a CI summary that shows one line says what broke.
  const headline = serious.map((v) => `${v.id} on ${v.nodes[0]?.html ?? '?'}`).join('; ');
  throw new Error(`${where}: ${headline}\n${JSON.stringify(serious, null, 1)}`);
}

async function seriousViolations(page: Page, disable: string[]): Promise<AxeViolation[]> {
  // Finite transitions and animations (a snackbar or dialog fading in) finish first.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const injected = await page.evaluate(() => 'axe' in window);
  // Through the DevTools protocol, not a <script> tag: the product's CSP (rightly) blocks inline scripts.
  if (!injected) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (off) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const rules = Object.fromEntries(off.map((id) => [id, { enabled: false }]));
    const result = await axe.run(document, { resultTypes: ['violations'], rules });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 160) })) }));
  }, disable);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Raw codes that must never reach a person (issue 16's contract for outside tools). */
export const RAW_CODES = [
  /\bin_review\b/,
  /\bpan_not_hot\b/,
  /\btoo_short\b/,
  /\bmoved_too_much\b/,
  /uploaded \(ingest\)/,
  /\b(?:principle|review|user|session|chat|render|job|dish|auth)\.[a-z_]+\b/, // dotted audit actions such as principle.update
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/, // UUIDs
];

/** The page's visible text holds none of the raw codes. */
export async function expectNoRawCodes(page: Page, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  const found = RAW_CODES.map((re) => text.match(re)?.[0]).filter(Boolean);
  expect(found, `${where}: raw codes in the visible text`).toEqual([]);
}
