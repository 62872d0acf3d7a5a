/// <reference lib="dom" />
/**
 * Clerk end to end in Chromium, with no network: the product runs with Clerk keys of a test
 * instance (test-support/clerk-stub.ts), the browser's requests to that instance's Frontend API
 * host are answered by test-support/clerk-frontend-api-stub.ts (which also serves ClerkJS and
 * Clerk's UI from their npm packages), and the API verifies the session tokens with CLERK_JWT_KEY.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClerkStub } from '../test-support/clerk-stub';
import { createClerkFrontendApiStub, type FapiUser } from '../test-support/clerk-frontend-api-stub';
import { DESKTOP, PHONE, newPage, screenshot, useBrowser } from './support/browser';
import { routeFrontendApi as routeFapi } from './support/clerk-browser';
import { startOwnProduct, type OwnProduct } from './support/own-product';

const browser = useBrowser();

let product: OwnProduct | undefined;
let baseUrl = '';
let clerk: ReturnType<typeof createClerkStub>;

beforeAll(async () => {
  product = await startOwnProduct((url) => {
    clerk = createClerkStub({ defaultAzp: url });
    return {
      AJIMI_DEMO_PASSWORD: 'e2e-demo-password',
      AJIMI_DEMO_SESSION: 'false',
      CLERK_SECRET_KEY: clerk.secretKey,
      CLERK_PUBLISHABLE_KEY: clerk.publishableKey,
      CLERK_JWT_KEY: clerk.jwtKeyOneLine,
    };
  });
  baseUrl = product.baseUrl;
}, 180_000);

afterAll(async () => {
  await product?.stop();
});

/** Sends the browser's requests for the instance's Frontend API host to the stub (CORS as FAPI answers it). */
async function routeFrontendApi(context: BrowserContext, fapi: ReturnType<typeof createClerkFrontendApiStub>): Promise<void> {
  await routeFapi(context, clerk, fapi, baseUrl);
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
