/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { generateTestVideo } from '@ajimi/core/media/testing/generate-test-video';
import { createCook } from './support/accounts';
import { DESKTOP, PHONE, newPage, useBrowser } from './support/browser';

/**
 * The Content-Security-Policy (api/src/http/security-headers.ts) must not break anything: the
 * learner app, the console and the console's Remotion preview run in Chromium with no violation.
 */
const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const browser = useBrowser();

/** Every CSP violation the page reports, from the DOM event and from the console. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) fromConsole.push(msg.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []))];
}

async function apiLogin(email: string, secret = password): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: secret }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function api<T>(cookie: string, p: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${baseUrl}${p}`, { ...init, headers: { cookie, 'content-type': 'application/json', ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

let workDir: string;
let reviewId: string;
let cook: { email: string; password: string };

beforeAll(async () => {
  // A cook's session through the real pipeline, so the console has a review item with a live preview.
  // A cook of this file's own: a session of the shared demo cook would change what other browser tests see.
  const cookName = `CSP cook ${randomUUID().slice(0, 8)}`;
  cook = await createCook(baseUrl, password, cookName);
  const learner = await apiLogin(cook.email, cook.password);
  const coach = await apiLogin('coach@ajimi.local');
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-csp-e2e-'));
  const video = path.join(workDir, 'fried-rice.mp4');
  await generateTestVideo(video, { durationSec: 60, width: 480, height: 270, sizzle: 'weak', events: { addAt: 20, flipAt: 38, plateAt: 52 } });
  const { session } = await api<{ session: { id: string } }>(learner, '/api/sessions', { method: 'POST', body: JSON.stringify({ dishSlug: 'fried-rice', note: 'e2e: CSP' }) });
  await new Promise<void>((resolve, reject) => {
    new tus.Upload(fs.createReadStream(video), {
      endpoint: `${baseUrl}/api/uploads`,
      uploadSize: fs.statSync(video).size,
      chunkSize: 4 * 1024 * 1024,
      headers: { cookie: learner },
      metadata: { sessionId: session.id, kind: 'source_video', filename: 'fried-rice.mp4', filetype: 'video/mp4' },
      onSuccess: () => resolve(),
      onError: reject,
    }).start();
  });
  const deadline = Date.now() + 150_000;
  for (;;) {
    const rows = await api<Array<{ id: string; sessionId: string }>>(coach, `/api/console/reviews?filter=${encodeURIComponent(JSON.stringify({ q: cookName }))}&range=[0,99]`);
    const row = rows.find((r) => r.sessionId === session.id);
    if (row && (await api<{ scripts: unknown[] }>(coach, `/api/console/reviews/${row.id}`)).scripts.length > 0) {
      reviewId = row.id;
      break;
    }
    if (Date.now() > deadline) throw new Error('no review item');
    await new Promise((r) => setTimeout(r, 1000));
  }
}, 240_000);

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe('content security policy in the browser', () => {
  it('the learner app signs in and shows its rooms and profile with no violation', async () => {
    const { context, page } = await newPage(browser.current, PHONE);
    const violations = await watchCsp(page);
    const res = await page.goto(`${baseUrl}/`);
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.fill('input[name=email]', cook.email);
    await page.fill('input[name=password]', cook.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=first-run], [data-testid=room-my_coaching]').first().waitFor({ timeout: 15_000 });
    if (await page.locator('[data-testid=first-run]').count()) {
      await page.click('[data-testid=dish-chip-fried-rice]');
      await page.click('[data-testid=first-run-save]');
    }
    await page.locator('[data-testid=room-my_coaching]').waitFor({ timeout: 15_000 });
    await page.click('[data-testid=room-my_coaching]');
    await page.locator('[data-testid=room-title]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=messages], [data-testid=messages-empty]').first().waitFor({ timeout: 15_000 });
    await page.goto(`${baseUrl}/#/profile`);
    await page.locator('[data-testid=change-password]').waitFor({ timeout: 15_000 });
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('the console and its Remotion preview of a review item run with no violation', async () => {
    const { context, page } = await newPage(browser.current, DESKTOP);
    const violations = await watchCsp(page);
    await page.goto(`${baseUrl}/console/`);
    await page.locator('input[name=username]').waitFor({ timeout: 20_000 });
    await page.fill('input[name=username]', 'coach@ajimi.local');
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.getByTestId('queue-summary').waitFor({ timeout: 20_000 });
    await page.goto(`${baseUrl}/console/reviews/${reviewId}`);
    await page.getByTestId('review-workspace').waitFor({ timeout: 20_000 });
    await page.locator('[data-testid=preview][data-preview-status=ready]').waitFor({ timeout: 60_000 });
    // The player mounted and is drawing the composition (its media elements loaded their sources).
    await expect.poll(() => page.getByTestId('preview').locator('video, audio, img, canvas, div').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(2000);
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('an injected inline script is blocked (the policy is really in force)', async () => {
    const { context, page } = await newPage(browser.current, DESKTOP);
    const violations = await watchCsp(page);
    await page.goto(`${baseUrl}/console/`);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.appendChild(s);
    });
    await expect.poll(async () => (await violations()).join('\n'), { timeout: 10_000 }).toMatch(/script-src/);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    await context.close();
  });
});
