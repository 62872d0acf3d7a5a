/// <reference lib="dom" />
import * as tus from 'tus-js-client';
import { describe, expect, it, inject } from 'vitest';
import { createCook } from './support/accounts';
import { PHONE, newPage, screenshot, useBrowser } from './support/browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const browser = useBrowser();

describe('learner chat layout (phone)', () => {
  it('collapses sessions in flight into one line above the input and keeps the newest question and its answer in view', async () => {
    const cook = await createCook(baseUrl, password);
    const { context, page } = await newPage(browser.current, PHONE);
    const login = await context.request.post(`${baseUrl}/api/auth/login`, { data: { email: cook.email, password: cook.password } });
    expect(login.status()).toBe(200);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

    // Three uploads that are not videos: each session stops at ingest and stays on the status line for a day.
    const ids: string[] = [];
    for (const dishSlug of ['fried-rice', 'omelette', 'gyoza']) {
      const created = await context.request.post(`${baseUrl}/api/sessions`, { data: { dishSlug } });
      const { session } = (await created.json()) as { session: { id: string } };
      ids.push(session.id);
      const notes = Buffer.from('these are my notes, not a video\n'.repeat(50));
      await new Promise<void>((resolve, reject) => {
        new tus.Upload(notes, {
          endpoint: `${baseUrl}/api/uploads`,
          uploadSize: notes.length,
          headers: { cookie },
          metadata: { sessionId: session.id, kind: 'source_video', filename: 'notes.mp4', filetype: 'video/mp4' },
          onSuccess: () => resolve(),
          onError: reject,
        }).start();
      });
    }
    for (let i = 0; ; i++) {
      const { sessions } = (await (await context.request.get(`${baseUrl}/api/sessions`)).json()) as { sessions: Array<{ id: string; status: string }> };
      if (ids.every((id) => sessions.find((s) => s.id === id)?.status === 'failed')) break;
      if (i > 120) throw new Error('the uploads did not reach a final status');
      await page.waitForTimeout(500);
    }

    await page.goto(`${baseUrl}/`);
    await page.locator('[data-testid=first-run], [data-testid=room-my_coaching]').first().waitFor({ timeout: 15_000 });
    if (await page.locator('[data-testid=first-run]').count()) {
      await page.click('[data-testid=dish-chip-fried-rice]');
      await page.click('[data-testid=first-run-save]');
    }
    await page.click('[data-testid=room-my_coaching]');
    const strip = page.locator('[data-testid=session-status-strip]');
    await strip.waitFor({ timeout: 15_000 });
    // A cook of this test's own: exactly our three are in flight.
    expect(Number(await strip.getAttribute('data-count'))).toBe(3);
    expect(await page.locator('[data-testid=session-status]').count()).toBe(0); // the cards are collapsed

    await page.fill('[data-testid=composer-input]', 'How hot should the oil be before the egg goes in?');
    await page.click('[data-testid=composer-send]');
    const answer = page.locator('[data-testid=message][data-author=ai][data-kind=text]').last();
    await answer.waitFor({ timeout: 60_000 });
    const question = page.locator('[data-testid=message][data-author=learner]').last();
    const footerTop = await strip.evaluate((el) => el.getBoundingClientRect().top);
    const headerBottom = await page.evaluate(() => document.querySelector('header')?.getBoundingClientRect().bottom ?? 0);
    // The list scrolls smoothly to the newest message: wait until the scroll has brought both in view.
    const inView = async () => {
      const boxes = await Promise.all([question, answer].map((item) => item.evaluate((el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; })));
      return boxes.every((box) => box.top >= headerBottom - 1 && box.bottom <= footerTop + 1);
    };
    await expect.poll(inView, { timeout: 5_000 }).toBe(true);
    await screenshot(page, 'learner-chat-layout');

    // "Details" opens one card per session on the line.
    await page.click('[data-testid=session-status-toggle]');
    await expect.poll(() => page.locator('[data-testid=session-status]').count()).toBe(3);
    await context.close();
  });
});
