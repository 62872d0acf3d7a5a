/// <reference lib="dom" />
/**
 * Lighthouse-style PWA checks that run offline: a valid manifest with real icons, a service worker
 * that controls the page and serves the app shell with no network, and Web Push handled by the
 * service worker (a push delivered through the DevTools protocol shows a notification that links
 * to the right message). Also the opt-in button and the app following a tapped notification.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it, inject } from 'vitest';
import { createCook } from './support/accounts';
import { PHONE, useBrowser } from './support/browser';
import type { Page } from 'playwright-core';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const browser = useBrowser();

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('learner app as a PWA', () => {
  it('has a valid manifest with installable icons, linked from the page', async () => {
    const { request } = await browser.current.newContext(PHONE);
    const res = await request.get(`${baseUrl}/manifest.webmanifest`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/application\/(manifest\+)?json/);
    const manifest = await res.json();
    expect(manifest).toMatchObject({ name: expect.stringContaining('Ajimi'), short_name: 'Ajimi', start_url: '/', scope: '/', display: 'standalone', id: '/' });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    const icons = manifest.icons as Array<{ src: string; sizes: string; type: string; purpose?: string }>;
    for (const [size, purpose] of [['192x192', 'any'], ['512x512', 'any'], ['512x512', 'maskable']] as const) {
      const icon = icons.find((i) => i.sizes === size && (i.purpose ?? 'any').split(' ').includes(purpose));
      expect(icon, `${size} ${purpose} icon`).toBeTruthy();
      const file = await request.get(new URL(icon!.src, baseUrl).toString());
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toBe('image/png');
      const { width, height } = pngSize(await file.body());
      expect(`${width}x${height}`).toBe(size);
    }
    const html = await (await request.get(`${baseUrl}/`)).text();
    expect(html).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/);
    expect(html).toMatch(/<meta name="viewport" content="[^"]*width=device-width/);
    expect(html).toMatch(/<meta name="theme-color"/);
  });

  it('registers a service worker that controls the page and serves the app shell offline', async () => {
    const context = await browser.current.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    const sw = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      return { scope: reg.scope, active: reg.active?.scriptURL ?? null };
    });
    expect(sw).toEqual({ scope: `${baseUrl}/`, active: `${baseUrl}/sw.js` });
    const script = await (await context.request.get(`${baseUrl}/sw.js`)).text();
    expect(script).toContain('precacheAndRoute'); // a fetch handler: one of the install criteria
    expect(script).toContain('push-sw.js');
    await page.reload();
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

    // No network at all: the shell still loads from the cache and says why it cannot sign in.
    await context.setOffline(true);
    await page.reload();
    await page.locator('[data-testid=error-state], input[name=email]').first().waitFor({ timeout: 15_000 });
    expect(await page.title()).toContain('Ajimi');
    await context.setOffline(false);
    await context.close();
  });

  it('shows a push as a notification that opens the right message, and the app follows a tapped one', async () => {
    const context = await browser.current.newContext(PHONE);
    await context.grantPermissions(['notifications'], { origin: baseUrl });
    const page = await context.newPage();
    // A fresh cook, signed in and past the first run.
    const cook = await createCook(baseUrl, password, 'Push cook', 'push');
    expect((await context.request.post(`${baseUrl}/api/auth/login`, { data: { email: cook.email, password: cook.password } })).status()).toBe(200);
    expect((await context.request.put(`${baseUrl}/api/profile`, { data: { name: 'Push', locale: 'ja', dishSlugs: ['omelette'] } })).status()).toBe(200);
    await page.goto(`${baseUrl}/`);
    await page.locator('[data-testid=room-my_coaching]').waitFor({ timeout: 20_000 });
    const roomId = (await page.locator('[data-testid=room-my_coaching]').getAttribute('data-room-id'))!;

    // Opt-in: the permission is granted; subscribing needs the browser's push service, which this
    // closed network does not have, so either it works or the cook is told it did not.
    await page.locator('[data-testid=push-state]').waitFor();
    await page.click('[data-testid=push-enable]');
    await page.locator('[data-testid=push-state][data-state=on], [data-testid=push-error]').first().waitFor({ timeout: 20_000 });

    // A push delivered straight to the service worker (DevTools protocol) becomes a notification.
    const cdp = await context.newCDPSession(page);
    const registrationId = await new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: Array<{ registrationId: string; scopeURL: string }> }) => {
        const reg = e.registrations.find((r) => r.scopeURL === `${baseUrl}/`);
        if (reg) resolve(reg.registrationId);
      });
      void cdp.send('ServiceWorker.enable');
    });
    const messageId = randomUUID();
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: baseUrl,
      registrationId,
      data: JSON.stringify({ title: 'コーチングが届きました', body: 'チャーハン 1回目のセッション', url: `/#/rooms/${roomId}?message=${messageId}`, tag: 'coach-text:x', roomId, messageId }),
    });
    const shown = await pollPage(page, async () => {
      const list = await (await navigator.serviceWorker.ready).getNotifications();
      return list.length ? list.map((n) => ({ title: n.title, body: n.body, url: (n.data as { url: string }).url })) : null;
    });
    expect(shown).toEqual([{ title: 'コーチングが届きました', body: 'チャーハン 1回目のセッション', url: `${baseUrl}/#/rooms/${roomId}?message=${messageId}` }]);

    // A link to another site in a push never leaves the app.
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: baseUrl, registrationId, data: JSON.stringify({ title: 'x', body: 'y', url: 'https://evil.example/phish', tag: 'evil' }) });
    const evil = await pollPage(page, async () => {
      const [n] = await (await navigator.serviceWorker.ready).getNotifications({ tag: 'evil' });
      return n ? (n.data as { url: string }).url : null;
    });
    expect(evil).toBe(`${baseUrl}/`);

    // Tapping a notification while the app is open: the worker posts the link, the app opens the room.
    await page.evaluate((url) => navigator.serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: 'ajimi:open', url } })), `${baseUrl}/#/rooms/${roomId}?message=${messageId}`);
    await page.locator('[data-testid=room-title]').getByText('マイコーチング').waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).hash).toBe(`#/rooms/${roomId}?message=${messageId}`);
    await context.close();
  });
});

/**
 * Runs an async function in the page until it returns something other than null. (Playwright's
 * waitForFunction treats the Promise an async function returns as truthy and does not wait.)
 */
async function pollPage<T>(page: Page, fn: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate(fn);
    if (value !== null) return value as T;
    if (Date.now() > deadline) throw new Error('pollPage: timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}
