/// <reference lib="dom" />
/**
 * Clerk end to end in Chromium, with no network: the product runs with Clerk keys of a test
 * instance (test-support/clerk-stub.ts), the browser's requests to that instance's Frontend API
 * host are answered by test-support/clerk-frontend-api-stub.ts (which also serves ClerkJS and
 * Clerk's UI from their npm packages), and the API verifies the session tokens with CLERK_JWT_KEY.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClerkStub } from '../test-support/clerk-stub';
import { createClerkFrontendApiStub, type FapiUser } from '../test-support/clerk-frontend-api-stub';
import { DESKTOP, PHONE, newPage, screenshot, useBrowser } from './support/browser';

const root = path.resolve(import.meta.dirname, '..');
const browser = useBrowser();

let product: ChildProcess | undefined;
let dataDir: string | undefined;
let baseUrl = '';
let clerk: ReturnType<typeof createClerkStub>;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  clerk = createClerkStub({ defaultAzp: baseUrl });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-e2e-clerk-'));
  product = fork(path.join(root, 'scripts/start.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      AJIMI_DATA_DIR: dataDir,
      AJIMI_DEMO_PASSWORD: 'e2e-demo-password',
      AJIMI_DEMO_SESSION: 'false',
      LOG_LEVEL: 'warn',
      CLERK_SECRET_KEY: clerk.secretKey,
      CLERK_PUBLISHABLE_KEY: clerk.publishableKey,
      CLERK_JWT_KEY: clerk.jwtKeyOneLine,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the product did not become ready in 150 s')), 150_000);
    product!.on('message', (m: { type?: string }) => {
      if (m.type === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    product!.once('exit', (code) => reject(new Error(`the product exited during start (${code})`)));
  });
}, 180_000);

afterAll(async () => {
  if (product && product.exitCode === null) {
    const exited = new Promise((r) => product!.once('exit', r));
    product.kill('SIGTERM');
    await exited;
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Sends the browser's requests for the instance's Frontend API host to the stub (CORS as FAPI answers it). */
async function routeFrontendApi(context: BrowserContext, fapi: ReturnType<typeof createClerkFrontendApiStub>): Promise<void> {
  await context.route(`https://${clerk.frontendApiHost}/**`, async (route) => {
    const request = route.request();
    const cors = { 'access-control-allow-origin': baseUrl, 'access-control-allow-credentials': 'true' };
    if (request.method() === 'OPTIONS') {
      await route.fulfill({ status: 204, headers: { ...cors, 'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE', 'access-control-allow-headers': '*' } });
      return;
    }
    const answer = fapi.handle(request.method(), new URL(request.url()), request.postData() ?? undefined);
    await route.fulfill({ status: answer.status, contentType: answer.contentType, body: answer.body, headers: cors });
  });
}

describe('Clerk sign-in (browser, Frontend API stub)', () => {
  it('the learner app shows Clerk’s sign-in; a cook signs in with email and password, is a learner, and signs out', async () => {
    const cook: FapiUser = { identity: clerk.newIdentity(undefined), password: 'a long cook password' };
    const fapi = createClerkFrontendApiStub(clerk, { appOrigin: baseUrl, users: [cook] });
    const { context, page } = await newPage(browser.current, PHONE);
    await routeFrontendApi(context, fapi);
    if (process.env.DEBUG_CLERK_E2E) {
      page.on('console', (m) => console.log('console:', m.type(), m.text().slice(0, 400)));
      page.on('response', (r) => !r.url().includes('/assets/') && !r.url().includes('/npm/') && console.log('response:', r.status(), r.request().method(), r.url().slice(0, 160)));
    }

    expect((await (await context.request.get(`${baseUrl}/api/auth/config`)).json()).mode).toBe('clerk');
    await page.goto(`${baseUrl}/`);
    await page.locator('[data-testid=clerk-sign-in] input[name=identifier]').waitFor({ timeout: 30_000 });
    // The built-in password form is not there.
    expect(await page.locator('[data-testid=sign-in-submit]').count()).toBe(0);
    await screenshot(page, 'clerk-learner-sign-in');

    // Clerk's form: the email, 続ける, then the password, 続ける (cl-* are Clerk's stable element classes).
    await page.fill('input[name=identifier]', cook.identity.email!);
    await page.click('.cl-formButtonPrimary');
    await page.locator('input[name=password]').waitFor({ state: 'visible', timeout: 15_000 });
    await page.fill('input[name=password]', cook.password);
    await page.click('.cl-formButtonPrimary');
    if (process.env.DEBUG_CLERK_E2E) {
      await page.waitForTimeout(6000);
      await screenshot(page, 'clerk-debug-after-password');
      console.log('debug:', JSON.stringify(await page.evaluate(() => {
        const c = (window as unknown as { Clerk?: { user?: { id: string }; session?: { status: string }; status: string } }).Clerk;
        return { status: c?.status, user: c?.user?.id, session: c?.session?.status, url: location.href, cookie: document.cookie.slice(0, 200), text: document.body.innerText.slice(0, 300) };
      })));
    }

    await page.locator('[data-testid=first-run], [data-testid=room-my_coaching]').first().waitFor({ timeout: 30_000 });
    const me = await context.request.get(`${baseUrl}/api/auth/me`);
    expect(me.status()).toBe(200);
    expect((await me.json()).user).toMatchObject({ email: cook.identity.email, role: 'learner' });
    await screenshot(page, 'clerk-learner-signed-in');

    if (await page.locator('[data-testid=first-run]').count()) {
      await page.click('[data-testid=dish-chip-fried-rice]');
      await page.click('[data-testid=first-run-save]');
    }
    await page.click('[data-testid=sign-out]');
    await page.locator('[data-testid=clerk-sign-in] input[name=identifier]').waitFor({ timeout: 30_000 });
    expect(fapi.signedIn).toBe(false);
    expect(fapi.unknown).toEqual([]);
    await context.close();
  });

  it('a Clerk session minted for another app of the instance (azp) is refused: the cook is told, and Clerk’s session is ended', async () => {
    const cook: FapiUser = { identity: clerk.newIdentity(undefined), password: 'a long cook password' };
    const fapi = createClerkFrontendApiStub(clerk, { appOrigin: 'https://other-app.example', users: [cook] });
    fapi.signInAs(cook);
    const { context, page } = await newPage(browser.current, PHONE);
    await routeFrontendApi(context, fapi);

    await page.goto(`${baseUrl}/`);
    await page.locator('[data-testid=signin-notice]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid=signin-notice]').innerText()).toContain('このアカウントでは利用できません');
    await page.locator('[data-testid=clerk-sign-in] input[name=identifier]').waitFor({ timeout: 30_000 });
    expect(fapi.signedIn).toBe(false);
    expect((await context.request.get(`${baseUrl}/api/auth/me`)).status()).toBe(401);
    expect(fapi.unknown).toEqual([]);
    await context.close();
  });

  it('the console: a coach with a Clerk session (role in public metadata) gets in, and signs out to Clerk’s sign-in', async () => {
    const coach: FapiUser = { identity: clerk.newIdentity('coach'), password: 'a long coach password' };
    const fapi = createClerkFrontendApiStub(clerk, { appOrigin: baseUrl, users: [coach] });
    fapi.signInAs(coach);
    const { context, page } = await newPage(browser.current, DESKTOP);
    await routeFrontendApi(context, fapi);
    if (process.env.DEBUG_CLERK_E2E) {
      page.on('console', (m) => console.log('console:', m.type(), m.text().slice(0, 400)));
      page.on('response', (r) => console.log('response:', r.status(), r.url().slice(0, 160)));
    }

    await page.goto(`${baseUrl}/console/`);
    await page.getByText(coach.identity.name!).first().waitFor({ timeout: 30_000 });
    const me = await context.request.get(`${baseUrl}/api/auth/me`);
    expect((await me.json()).user).toMatchObject({ email: coach.identity.email, role: 'coach' });
    await screenshot(page, 'clerk-console-signed-in');

    // Sign out from react-admin's user menu: the Clerk session ends and Clerk's form is shown.
    await page.getByRole('button', { name: /プロフィール|Profile/ }).click();
    await page.getByRole('menuitem', { name: /ログアウト|Logout/ }).click();
    await page.locator('[data-testid=clerk-sign-in] input[name=identifier]').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/console/login');
    expect(fapi.signedIn).toBe(false);
    expect((await context.request.get(`${baseUrl}/api/auth/me`)).status()).toBe(401);
    await screenshot(page, 'clerk-console-sign-in');
    expect(fapi.unknown).toEqual([]);
    await context.close();
  });
});
