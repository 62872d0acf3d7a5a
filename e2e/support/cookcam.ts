import { randomUUID } from 'node:crypto';
import { chromium, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM } from './browser';
import { fakeMediaArgs } from './fake-camera';

/** A new cook (the admin creates them), so a test never shares sessions with the demo cook. */
export async function createLearner(request: APIRequestContext, baseUrl: string, adminPassword: string): Promise<{ email: string; password: string }> {
  expect((await request.post(`${baseUrl}/api/auth/login`, { data: { email: 'admin@ajimi.local', password: adminPassword } })).status()).toBe(200);
  const email = `cook-${randomUUID().slice(0, 8)}@e2e.ajimi.local`;
  const res = await request.post(`${baseUrl}/api/console/users`, { data: { email, name: 'E2E Cook', role: 'learner', locale: 'ja', password: 'e2e-cook-password' } });
  expect(res.status(), await res.text()).toBe(201);
  await request.post(`${baseUrl}/api/auth/logout`);
  return { email, password: 'e2e-cook-password' };
}

/** A new cook signs in, picks fried rice on first run and opens Cook Cam from the new-session screen. */
export async function openCookCam(page: Page, request: APIRequestContext, baseUrl: string, adminPassword: string): Promise<void> {
  const cook = await createLearner(request, baseUrl, adminPassword);
  await page.goto(`${baseUrl}/`);
  await page.fill('input[name=email]', cook.email);
  await page.fill('input[name=password]', cook.password);
  await page.click('button[type=submit]');
  await page.locator('[data-testid=first-run]').waitFor({ timeout: 20_000 });
  await page.fill('input[name=name]', 'あき');
  await page.click('[data-testid=dish-chip-fried-rice]');
  await page.click('[data-testid=first-run-save]');
  await page.click('[data-testid=new-session-button]');
  await page.locator('[data-testid=new-session]').waitFor();
  await page.click('[data-testid=cookcam-open]');
  await page.locator('[data-testid=cookcam][data-phase=ready]').waitFor({ timeout: 20_000 });
}

/** Debian's Chromium with its fake camera and microphone playing `files` (see fake-camera.ts). */
export function launchWithFakeMedia(files: { video: string; audio: string }): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', ...fakeMediaArgs(files)],
  });
}
