/// <reference lib="dom" />
/**
 * Resumable uploads in the browser: the connection drops in the middle of the video (the phone goes
 * offline), the app says it is waiting, and when the network is back the upload continues from the
 * server's offset instead of starting again. Also: cancelling removes the session.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { generateTestVideo } from '../core/src/media/testing/generate-test-video';
import { createCook } from './support/accounts';
import { openNewSessionScreen, signInAndOnboard } from './support/learner';
import { PHONE, useBrowser } from './support/browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const browser = useBrowser();
let dir: string;
let videoPath: string;

async function openNewSession(page: Page): Promise<void> {
  const cook = await createCook(baseUrl, password);
  await signInAndOnboard(page, baseUrl, cook, { name: 'Ren', dish: 'gyoza' });
  await openNewSessionScreen(page);
  await page.setInputFiles('[data-testid=video-file]', videoPath);
  await page.locator('[data-testid=video-picked]').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=video-checking]'));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-e2e-upload-'));
  videoPath = path.join(dir, 'gyoza.mp4');
  // ≈ 36 MB: five 8 MB tus requests, so there is a "middle" to interrupt.
  await generateTestVideo(videoPath, { durationSec: 16, width: 1280, height: 720, grain: 20, videoBitrateKbps: 18_000 });
}, 120_000);
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('resumable upload (phone)', () => {
  it('survives going offline mid-upload and resumes from the server’s offset', async () => {
    const context = await browser.current.newContext(PHONE);
    const page = await context.newPage();
    await openNewSession(page);
    const size = fs.statSync(videoPath).size;
    expect(size).toBeGreaterThan(20 * 1024 * 1024);

    // Watch the tus requests: the offset each PATCH starts from.
    const patches: number[] = [];
    let cut = false;
    await page.route('**/api/uploads/**', async (route) => {
      const req = route.request();
      if (req.method() === 'PATCH') {
        const offset = Number(req.headers()['upload-offset']);
        patches.push(offset);
        if (!cut && offset >= 8 * 1024 * 1024) {
          // The second chunk of the video never arrives: the phone loses its connection.
          cut = true;
          await context.setOffline(true);
          await route.abort('internetdisconnected');
          return;
        }
      }
      await route.continue();
    });

    await page.click('[data-testid=send-session]');
    await page.locator('[data-testid=upload-waiting]').waitFor({ timeout: 60_000 });
    const bar = page.locator('[data-testid=upload-bar]');
    const pausedAt = Number(await bar.getAttribute('data-percent'));
    expect(pausedAt).toBeGreaterThan(0);
    expect(pausedAt).toBeLessThan(100);
    expect(await page.locator('[data-testid=upload-progress]').getAttribute('data-phase')).toBe('waiting_network');
    await page.waitForTimeout(1500); // still offline: nothing moves
    expect(await page.locator('[data-testid=upload-progress]').getAttribute('data-phase')).toBe('waiting_network');

    await context.setOffline(false); // the 'online' event resumes it by itself
    await page.locator('[data-testid=upload-done]').waitFor({ timeout: 60_000 });

    // After the cut, the next PATCH started where the server had stopped, not at 0.
    const afterCut = patches.slice(patches.findIndex((o) => o >= 8 * 1024 * 1024) + 1);
    expect(afterCut.length).toBeGreaterThan(0);
    expect(Math.min(...afterCut)).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    expect(patches.filter((o) => o === 0)).toHaveLength(1);

    // The server got the whole file: the session moved on to the pipeline.
    const sessions = (await (await context.request.get(`${baseUrl}/api/sessions`)).json()) as { sessions: Array<{ status: string }> };
    expect(sessions.sessions).toHaveLength(1);
    expect(sessions.sessions[0]!.status).not.toBe('created');
    await context.close();
  }, 180_000);

  it('cancels mid-upload: the partial upload and the session are gone', async () => {
    const context = await browser.current.newContext(PHONE);
    const page = await context.newPage();
    await openNewSession(page);
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let patches = 0;
    await page.route('**/api/uploads/**', async (route) => {
      if (route.request().method() === 'PATCH' && ++patches === 2) await held; // hold the second chunk
      await route.continue().catch(() => undefined);
    });
    page.on('dialog', (d) => void d.accept());
    await page.click('[data-testid=send-session]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=upload-bar]')?.getAttribute('data-percent') ?? 0) > 0, undefined, { timeout: 30_000 });
    await page.click('[data-testid=upload-cancel]');
    release();
    await page.locator('[data-testid=upload-cancelled]').waitFor({ timeout: 30_000 });
    const sessions = (await (await context.request.get(`${baseUrl}/api/sessions`)).json()) as { sessions: unknown[] };
    expect(sessions.sessions).toEqual([]);
    // The next session of the dish is Session 1 again.
    expect(await page.locator('[data-testid=session-label]').innerText()).toContain('1回目');
    await context.close();
  }, 120_000);
});
