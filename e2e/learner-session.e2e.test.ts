/// <reference lib="dom" />
/**
 * The cook's whole loop on a phone: first run, a new session with a generated cooking video and a
 * voice memo from the (fake) microphone, the coaching text arriving live, a follow-up question
 * answered by the reply job, a coach approving the video through the console API, and the video
 * card playing and seeking.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { generateTestVideo } from '../core/src/media/testing/generate-test-video';
import { createCook } from './support/accounts';
import { signInAndOnboard } from './support/learner';
import { CHROMIUM, PHONE, screenshot } from './support/browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
let browser: Browser;
let dir: string;
let videoPath: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-e2e-learner-'));
  videoPath = path.join(dir, 'fried-rice.mp4');
  await generateTestVideo(videoPath, { durationSec: 24, width: 640, height: 360, sizzle: 'weak', events: { addAt: 6, flipAt: 14, plateAt: 20, darkStart: 9, darkEnd: 10 } });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      // A fake microphone (a beeping tone) that needs no permission prompt.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a cook’s session, end to end (phone)', () => {
  it('uploads a video with a voice memo, gets the coaching text live, asks a question, and watches the approved video', async () => {
    const context = await browser.newContext({ ...PHONE, permissions: ['microphone'] });
    const page = await context.newPage();
    const cook = await createCook(baseUrl, password);
    await signInAndOnboard(page, baseUrl, cook);

    // New session: "Session 1 of fried rice".
    await page.click('[data-testid=new-session-button]');
    await page.locator('[data-testid=new-session]').waitFor();
    expect(await page.locator('[data-testid=session-label]').innerText()).toContain('1回目');
    expect(await page.locator('[data-testid=video-capture]').getAttribute('capture')).toBe('environment');
    expect(await page.locator('[data-testid=video-capture]').getAttribute('accept')).toBe('video/*');

    // A file that is not a video is refused at once.
    await page.setInputFiles('[data-testid=video-file]', { name: 'recipe.txt', mimeType: 'text/plain', buffer: Buffer.from('not a video') });
    expect(await page.locator('[data-testid=video-problem]').getAttribute('data-code')).toBe('not_video');

    await page.setInputFiles('[data-testid=video-file]', videoPath);
    await page.locator('[data-testid=video-picked]').getByText('0:24').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=video-problem]').count()).toBe(0);

    // Voice memo: record from the fake microphone with a moving level meter, then play it back.
    await page.click('[data-testid=memo-record]');
    await page.locator('[data-testid=memo-recording]').waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=memo-level]')?.getAttribute('data-level') ?? 0) > 5, undefined, { timeout: 10_000 });
    await page.waitForTimeout(1500);
    await page.click('[data-testid=memo-stop]');
    await page.locator('[data-testid=memo-playback]').waitFor();
    const memoDuration = await page.locator('[data-testid=memo-playback]').evaluate(
      (el: HTMLAudioElement) =>
        new Promise<number>((resolve) => {
          if (el.readyState >= 1) resolve(el.duration);
          else el.addEventListener('loadedmetadata', () => resolve(el.duration), { once: true });
        }),
    );
    expect(memoDuration === Infinity || memoDuration > 0.5).toBe(true); // MediaRecorder webm reports Infinity until played

    await page.fill('[data-testid=note] >> visible=true', 'ご飯がパラパラにならなかった');
    await page.locator('[data-testid=rating-taste] label').nth(2).click();
    await screenshot(page, 'learner-new-session');

    const uploads: Array<{ kind: string; method: string }> = [];
    page.on('request', (req) => {
      if (!req.url().includes('/api/uploads')) return;
      const meta = req.headers()['upload-metadata'] ?? '';
      const kind = /kind ([^,]+)/.exec(meta)?.[1];
      uploads.push({ method: req.method(), kind: kind ? Buffer.from(kind, 'base64').toString() : '' });
    });
    await page.click('[data-testid=send-session]');
    await page.locator('[data-testid=upload-progress]').waitFor();
    await page.locator('[data-testid=upload-done]').waitFor({ timeout: 60_000 });
    const uploadDoneAt = Date.now();
    // The memo went first, then the video, each as its own tus upload.
    expect(uploads.filter((u) => u.method === 'POST').map((u) => u.kind)).toEqual(['voice_memo', 'source_video']);

    // My Coaching: the live status card, then the coaching text card, without reloading.
    await page.click('[data-testid=upload-open]');
    await page.locator('[data-testid=room-title]').getByText('マイコーチング').waitFor();
    await page.locator('[data-testid=session-status-strip]').waitFor({ timeout: 20_000 }); // sessions in flight: one line above the input
    const card = page.locator('[data-testid=coaching-card]');
    await card.waitFor({ timeout: 120_000 });
    console.log(`upload complete → coaching text card visible: ${((Date.now() - uploadDoneAt) / 1000).toFixed(1)} s`);
    expect(await card.locator('[data-testid=coaching-header]').innerText()).toMatch(/📅 .+ · チャーハン 1回目のセッション/);
    for (const section of ['coaching-problem', 'coaching-skill', 'coaching-next', 'coaching-signs']) {
      expect((await card.locator(`[data-testid=${section}]`).innerText()).length).toBeGreaterThan(5);
    }
    expect(await card.locator('[data-testid=coaching-problem]').innerText()).toContain('あき');
    await screenshot(page, 'learner-coaching-text');

    // A follow-up question about this session; the reply job's answer appears in the thread.
    await card.locator('[data-testid=coaching-ask]').click();
    await page.locator('[data-testid=composer-about]').waitFor();
    await page.fill('[data-testid=composer-input]', 'フライパンはどのくらい熱くすればいいですか？');
    await page.click('[data-testid=composer-send]');
    await page.locator('[data-testid=message][data-author=learner]').getByText('フライパンはどのくらい').waitFor();
    await page.locator('[data-testid=awaiting-reply]').waitFor({ timeout: 5_000 }).catch(() => undefined);
    const answer = page.locator('[data-testid=message][data-author=ai][data-kind=text]');
    await answer.first().waitFor({ timeout: 60_000 });
    expect((await answer.first().innerText()).length).toBeGreaterThan(20);
    expect(await page.locator('[data-testid=awaiting-reply]').count()).toBe(0);

    // A chef-coach approves the rendered video through the console API.
    const coach = await context.browser()!.newContext();
    const login = await coach.request.post(`${baseUrl}/api/auth/login`, { data: { email: 'coach@ajimi.local', password } });
    expect(login.status()).toBe(200);
    const sessions = (await (await context.request.get(`${baseUrl}/api/sessions`)).json()) as { sessions: Array<{ id: string }> };
    const sessionId = sessions.sessions[0]!.id;
    let reviewId: string | undefined;
    for (let i = 0; i < 180 && !reviewId; i++) {
      const list = (await (await coach.request.get(`${baseUrl}/api/console/reviews?range=[0,199]`)).json()) as Array<{ id: string; sessionId: string; render: { status: string } | null }>;
      const item = list.find((r) => r.sessionId === sessionId);
      if (item?.render?.status === 'done') reviewId = item.id;
      else await page.waitForTimeout(1000);
    }
    expect(reviewId, 'the coaching video was rendered and queued for review').toBeTruthy();
    expect((await coach.request.post(`${baseUrl}/api/console/reviews/${reviewId}/claim`, { data: {} })).status()).toBe(200);
    const approved = await coach.request.post(`${baseUrl}/api/console/reviews/${reviewId}/approve`, { data: {} });
    expect(approved.status(), await approved.text()).toBe(200);
    await coach.close();

    // The video card arrives live and plays; seeking works (Range).
    const player = page.locator('[data-testid=video-player]');
    await player.waitFor({ timeout: 90_000 });
    expect(await player.getAttribute('poster')).toMatch(/^\/api\/media\/.+sig=/);
    const played = await player.evaluate(async (video: HTMLVideoElement) => {
      video.muted = true;
      await video.play();
      await new Promise((r) => setTimeout(r, 1500));
      const playedTo = video.currentTime;
      video.pause();
      const seekTo = Math.min(30, video.duration - 2);
      await new Promise<void>((resolve, reject) => {
        video.addEventListener('seeked', () => resolve(), { once: true });
        video.addEventListener('error', () => reject(new Error(`video error ${video.error?.code}`)), { once: true });
        video.currentTime = seekTo;
      });
      return { playedTo, duration: video.duration, at: video.currentTime, seekTo };
    });
    expect(played.playedTo).toBeGreaterThan(0.3);
    expect(played.duration).toBeGreaterThan(30);
    expect(Math.abs(played.at - played.seekTo)).toBeLessThan(1);
    await card.locator('[data-testid=coaching-watch]').waitFor();
    await screenshot(page, 'learner-video');

    // History for the dish shows the session and its focus.
    await page.goto(`${baseUrl}/#/dishes/fried-rice`);
    await page.locator('[data-testid=history-session][data-attempt="1"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid=history-diagnosis]').count()).toBe(1);
    await context.close();
  }, 600_000);
});
