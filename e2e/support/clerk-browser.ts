import type { BrowserContext, Page } from 'playwright-core';
import type { ClerkStub } from '../../test-support/clerk-stub';
import type { FapiUser, createClerkFrontendApiStub } from '../../test-support/clerk-frontend-api-stub';

/** Sends the browser's requests for the instance's Frontend API host to the stub (CORS as FAPI answers it). */
export async function routeFrontendApi(
  context: BrowserContext,
  clerk: ClerkStub,
  fapi: ReturnType<typeof createClerkFrontendApiStub>,
  appOrigin: string,
): Promise<void> {
  await context.route(`https://${clerk.frontendApiHost}/**`, async (route) => {
    const request = route.request();
    const cors = { 'access-control-allow-origin': appOrigin, 'access-control-allow-credentials': 'true' };
    if (request.method() === 'OPTIONS') {
      await route.fulfill({ status: 204, headers: { ...cors, 'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE', 'access-control-allow-headers': '*' } });
      return;
    }
    const answer = fapi.handle(request.method(), new URL(request.url()), request.postData() ?? undefined);
    await route.fulfill({ status: answer.status, contentType: answer.contentType, body: answer.body, headers: cors });
  });
}

/** Clerk's sign-in form: the email, 続ける, then the password, 続ける (cl-* are Clerk's stable element classes). */
export async function signInWithClerk(page: Page, user: FapiUser): Promise<void> {
  await page.locator('[data-testid=clerk-sign-in] input[name=identifier]').waitFor({ timeout: 30_000 });
  await page.fill('input[name=identifier]', user.identity.email!);
  await page.click('.cl-formButtonPrimary');
  await page.locator('input[name=password]').waitFor({ state: 'visible', timeout: 15_000 });
  await page.fill('input[name=password]', user.password);
  await page.click('.cl-formButtonPrimary');
  // Signed in when Clerk's form has gone. A click that landed while Clerk was still swapping the
  // identifier step for the password step does nothing (seen once in a full run): a person clicks
  // again, and so does this, at most twice more; a sign-in that never completes still fails here.
  for (let attempt = 0; attempt < 3; attempt++) {
    const gone = await page
      .locator('[data-testid=clerk-sign-in]')
      .waitFor({ state: 'detached', timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    if (gone) return;
    if (attempt < 2 && (await page.locator('input[name=password]').isVisible())) await page.click('.cl-formButtonPrimary');
  }
  throw new Error(`Clerk's sign-in form is still on screen: ${(await page.locator('body').innerText()).slice(0, 300)}`);
}
