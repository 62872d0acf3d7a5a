/**
 * Coach corrections (issue 13 item 2): a chef corrects the coaching text a cook already has, from
 * the review workspace; the cook's open chat shows the card again, marked "コーチが修正しました",
 * with the earlier version one tap away. Our own cook and session (the demo cook is shared).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { generateTestVideo } from '@ajimi/core/media/testing/generate-test-video';
import { DESKTOP, PHONE, newPage, screenshot, useBrowser } from './support/browser';
import { api, apiLogin, upload, waitFor } from './support/product-api';
import { expectHealthy, watchPage } from './support/sweep';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const browser = useBrowser();
const COOK_PASSWORD = 'e2e-correction-cook-pw';
/** The browser's own line for the 401 of "who am I?" before anyone has signed in. */
const SIGNED_OUT = [/status of 401 .*\/api\/auth\/me/];

interface Room { id: string; kind: string }
interface Message { id: string; kind: string; sessionId: string | null; body: string }

let cookEmail: string;
let cookCookie: string;
let coachCookie: string;
let roomId: string;
let reviewId: string;
let cardId: string;
let workDir: string;
let firstSessionId: string;
let secondReviewId: string;

beforeAll(async () => {
  const adminCookie = await apiLogin('admin@ajimi.local', password);
  cookEmail = `correction-${randomUUID().slice(0, 8)}@e2e.ajimi.local`;
  await api(adminCookie, '/api/console/users', { method: 'POST', body: JSON.stringify({ email: cookEmail, name: 'E2E 修正', role: 'learner', locale: 'ja', password: COOK_PASSWORD }) });
  cookCookie = await apiLogin(cookEmail, COOK_PASSWORD);
  coachCookie = await apiLogin('coach@ajimi.local', password);
  await api(cookCookie, '/api/profile', { method: 'PUT', body: JSON.stringify({ name: 'あき', locale: 'ja', dishSlugs: ['fried-rice'] }) });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-correction-e2e-'));
  const video = path.join(workDir, 'fried-rice.mp4');
  await generateTestVideo(video, { durationSec: 40, width: 480, height: 270, sizzle: 'weak', events: { addAt: 12, flipAt: 24, plateAt: 34 } });
  const { session } = await api<{ session: { id: string } }>(cookCookie, '/api/sessions', { method: 'POST', body: JSON.stringify({ dishSlug: 'fried-rice' }) });
  firstSessionId = session.id;
  await upload(cookCookie, video, session.id);
  // The real pipeline sends the coaching text to the cook and puts the session in the review queue.
  const rooms = await api<{ rooms: Room[] }>(cookCookie, '/api/rooms');
  roomId = rooms.rooms.find((r) => r.kind === 'my_coaching')!.id;
  cardId = await waitFor(
    'the coaching text',
    async () => (await api<{ messages: Message[] }>(cookCookie, `/api/rooms/${roomId}/messages`)).messages.find((m) => m.kind === 'coaching_text' && m.sessionId === session.id)?.id,
    150_000,
  );
  reviewId = await waitFor(
    'the review item',
    async () => (await api<Array<{ id: string; sessionId: string }>>(coachCookie, `/api/console/reviews?filter=${encodeURIComponent('{}')}&range=[0,199]`)).find((r) => r.sessionId === session.id)?.id,
    150_000,
  );
}, 330_000);

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

async function signInConsole(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.locator('input[name=username]').waitFor({ timeout: 20_000 });
  await page.fill('input[name=username]', 'coach@ajimi.local');
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 15_000 });
}

describe('coach corrections of the sent coaching text', () => {
  it('the coach corrects the text; the cook’s open chat shows it marked as corrected, with the earlier version', async () => {
    // The cook has the My Coaching room open on a phone.
    const cook = await newPage(browser.current, PHONE);
    const cookProblems = await watchPage(cook.page, SIGNED_OUT);
    await cook.page.goto(`${baseUrl}/`);
    await cook.page.fill('input[name=email]', cookEmail);
    await cook.page.fill('input[name=password]', COOK_PASSWORD);
    await cook.page.click('button[type=submit]');
    await cook.page.locator('[data-testid=rooms], [data-testid=messages]').first().waitFor({ timeout: 20_000 });
    await cook.page.goto(`${baseUrl}/#/rooms/${roomId}`);
    const card = cook.page.locator(`[data-message-id="${cardId}"] [data-testid=coaching-card]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getAttribute('data-corrected')).toBeNull();
    const before = await card.innerText();

    // The coach opens the review item and corrects the text.
    const coach = await newPage(browser.current, { ...DESKTOP, viewport: { width: 1440, height: 900 } });
    const coachProblems = await watchPage(coach.page, SIGNED_OUT);
    await signInConsole(coach.page);
    await coach.page.goto(`${baseUrl}/console/reviews/${reviewId}`);
    const textCard = coach.page.getByTestId('coaching-text');
    await textCard.waitFor({ timeout: 20_000 });
    await coach.page.locator('[data-testid=claim-state][data-claim=held]').waitFor({ timeout: 15_000 });
    await coach.page.getByTestId('coaching-text-correct').click();
    const editor = coach.page.getByTestId('coaching-text-editor');
    const original = await editor.inputValue();
    expect(original.length).toBeGreaterThan(20);
    const line = '【コーチより】卵を入れる前に、鍋から煙が少し上がるまで待ちましょう。';
    await editor.fill(`${line}\n\n${original}`);
    await coach.page.getByTestId('coaching-text-send').click();
    await coach.page.locator('[data-testid=coaching-text][data-version="2"]').waitFor({ timeout: 15_000 });
    expect(await coach.page.getByTestId('coaching-text-body').innerText()).toContain(line);
    await coach.page.getByTestId('coaching-text-history-toggle').click();
    expect(await coach.page.getByTestId('coaching-text-history').innerText()).toContain('AI');
    // The cook's first session of the dish: the side-by-side says there is nothing to compare with.
    await coach.page.getByTestId('compare-toggle').click();
    expect(await coach.page.getByTestId('compare-empty').innerText()).toMatch(/前回のセッションはありません/);
    await screenshot(coach.page, 'coach-correction-console');
    await expectHealthy(coach.page, coachProblems, 'review workspace after the correction');

    // The cook's open chat picks it up from the live stream: the card is marked and shows the new text.
    const corrected = cook.page.locator(`[data-message-id="${cardId}"] [data-testid=coaching-card][data-corrected="2"]`);
    await corrected.waitFor({ timeout: 20_000 });
    expect(await corrected.getByTestId('coaching-corrected').innerText()).toContain('コーチが修正しました');
    expect(await corrected.getByTestId('coaching-corrected-body').innerText()).toContain('煙が少し上がるまで');
    await corrected.getByTestId('coaching-earlier-toggle').click();
    const earlier = corrected.getByTestId('coaching-earlier');
    await earlier.waitFor();
    expect(await earlier.innerText()).toContain('バージョン 1');
    expect(before).not.toContain('煙が少し上がるまで');
    // One notice in the conversation says what happened.
    expect(await cook.page.locator('[data-testid=message][data-kind=system]', { hasText: 'コーチが' }).count()).toBe(1);
    await screenshot(cook.page, 'coach-correction-cook');
    await expectHealthy(cook.page, cookProblems, 'cook chat after the correction');
    await cook.context.close();
    await coach.context.close();
  }, 120_000);

  it('the next session of the dish plays beside the previous one, both from their key moments', async () => {
    // The same cook films the dish again; the real pipeline puts session 2 in the queue.
    const video = path.join(workDir, 'fried-rice.mp4');
    const { session } = await api<{ session: { id: string } }>(cookCookie, '/api/sessions', { method: 'POST', body: JSON.stringify({ dishSlug: 'fried-rice' }) });
    await upload(cookCookie, video, session.id);
    secondReviewId = await waitFor(
      'the second review item',
      async () => (await api<Array<{ id: string; sessionId: string }>>(coachCookie, `/api/console/reviews?filter=${encodeURIComponent('{}')}&range=[0,199]`)).find((r) => r.sessionId === session.id)?.id,
      150_000,
    );
    const coach = await newPage(browser.current, { ...DESKTOP, viewport: { width: 1440, height: 900 } });
    const problems = await watchPage(coach.page, SIGNED_OUT);
    await signInConsole(coach.page);
    await coach.page.goto(`${baseUrl}/console/reviews/${secondReviewId}`);
    await coach.page.getByTestId('compare-toggle').click();
    const panel = coach.page.getByTestId('compare-panel');
    await panel.waitFor({ timeout: 15_000 });
    expect(await panel.getAttribute('data-previous-session')).toBe(firstSessionId);
    const current = coach.page.getByTestId('compare-current');
    const previous = coach.page.getByTestId('compare-previous');
    for (const v of [current, previous]) await expect.poll(() => v.evaluate((el: HTMLVideoElement) => el.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await coach.page.getByTestId('compare-play').click();
    // Both start at their own key moment (the clip ranges under each video), together.
    const starts = await Promise.all(
      [current, previous].map(async (v) => {
        const range = await v.locator('xpath=following-sibling::*[1]').innerText();
        const [m, s] = range.split('–')[0]!.split(':').map(Number);
        return m! * 60 + s!;
      }),
    );
    const times = await Promise.all([current, previous].map((v) => v.evaluate((el: HTMLVideoElement) => el.currentTime)));
    for (const [i, t] of times.entries()) {
      expect(t).toBeGreaterThanOrEqual(starts[i]! - 0.1);
      expect(t).toBeLessThan(starts[i]! + 3);
    }
    await screenshot(coach.page, 'coach-compare-previous');
    await expectHealthy(coach.page, problems, 'side by side with the previous session');
    await coach.context.close();
  }, 240_000);

  it('the coach sends the draft back with instructions; the new AI draft says which it applied and which are for hand editing', async () => {
    const coach = await newPage(browser.current, { ...DESKTOP, viewport: { width: 1440, height: 900 } });
    const problems = await watchPage(coach.page, SIGNED_OUT);
    await signInConsole(coach.page);
    await coach.page.goto(`${baseUrl}/console/reviews/${secondReviewId}`);
    await coach.page.locator('[data-testid=claim-state][data-claim=held]').waitFor({ timeout: 15_000 });
    // The button opens the dialog and Cancel closes it; the S shortcut opens it again.
    await coach.page.getByTestId('send-back').click();
    const dialog = coach.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await coach.page.keyboard.press('s');
    await dialog.locator('textarea[name=reason]').fill('名前は呼ばないでください。もっと楽しい雰囲気で。');
    await dialog.getByTestId('confirm-send-back').click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    // The real pipeline drafts again with the instructions.
    await waitFor(
      'the new draft',
      async () => (await api<{ scripts: Array<{ instructionsReport?: unknown }> }>(coachCookie, `/api/console/reviews/${secondReviewId}`)).scripts.some((v) => v.instructionsReport),
      120_000,
    );
    await coach.page.goto(`${baseUrl}/console/reviews/${secondReviewId}`);
    const applied = coach.page.getByTestId('instructions-applied');
    await applied.waitFor({ timeout: 20_000 });
    expect(await applied.innerText()).toContain('名前は呼ばないでください（名前）');
    expect(await coach.page.getByTestId('instructions-not-applied').innerText()).toContain('もっと楽しい雰囲気で');
    await screenshot(coach.page, 'coach-send-back');
    await expectHealthy(coach.page, problems, 'review workspace after a send-back');
    await coach.context.close();
  }, 180_000);
});
