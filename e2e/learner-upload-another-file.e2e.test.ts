/// <reference lib="dom" />
/**
 * Issue 16: a file the browser cannot tell from a video (it starts like an MP4) is rejected by the
 * server's ingest. The cook is told why and, in place, chooses another file: it goes to the same
 * session, so its number is kept and no new session is used up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { generateTestVideo } from '../core/src/media/testing/generate-test-video';
import { createCook } from './support/accounts';
import { openNewSessionScreen, signInAndOnboard } from './support/learner';
import { PHONE, useBrowser } from './support/browser';
import { expectHealthy, watchPage } from './support/sweep';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const browser = useBrowser();
let dir: string;
let videoPath: string;
let fakePath: string;

interface SessionView {
  id: string;
  attemptNumber: number;
  status: string;
  acceptsNewVideo: boolean;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-e2e-another-'));
  videoPath = path.join(dir, 'gyoza.mp4');
  await generateTestVideo(videoPath, { durationSec: 10, width: 640, height: 360 });
  // An MP4 box header (what the browser's check reads), then notes: no playable video inside.
  fakePath = path.join(dir, 'notes.mp4');
  fs.writeFileSync(fakePath, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.from('these are my notes, not a video\n'.repeat(200))]));
}, 120_000);
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a rejected upload (phone)', () => {
  it('offers "choose another file" in place and keeps the same session number', async () => {
    const context = await browser.current.newContext(PHONE);
    const page = await context.newPage();
    const problems = await watchPage(page, [/status of 401/]);
    const cook = await createCook(baseUrl, password);
    await signInAndOnboard(page, baseUrl, cook, { name: 'Ren', dish: 'gyoza' });
    await openNewSessionScreen(page);

    // The fake passes the browser's checks; the server's ingest rejects it.
    await page.setInputFiles('[data-testid=video-file]', fakePath);
    await page.locator('[data-testid=video-picked]').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid=video-checking]'), undefined, { timeout: 20_000 });
    await page.click('[data-testid=send-session]');
    await page.locator('[data-testid=upload-done]').waitFor({ timeout: 60_000 });
    const sessions = async () => ((await (await context.request.get(`${baseUrl}/api/sessions`)).json()) as { sessions: SessionView[] }).sessions;
    const [session] = await sessions();
    expect(session).toBeDefined();
    await expect.poll(async () => (await sessions())[0]?.status, { timeout: 60_000 }).toBe('failed');
    expect((await sessions())[0]).toMatchObject({ id: session!.id, acceptsNewVideo: true });

    // My Coaching: the session's status says why; another file is chosen right there.
    await page.click('[data-testid=upload-open]');
    await page.getByTestId('session-status-toggle').click({ timeout: 20_000 });
    const card = page.locator(`[data-testid=session-status][data-session-id="${session!.id}"]`);
    await card.getByTestId('session-failure').waitFor({ timeout: 20_000 });
    await card.getByTestId('choose-another-file').waitFor();
    await expectHealthy(page, problems, 'rejected session');
    await card.getByTestId('choose-another-input').setInputFiles(videoPath);

    // The new file goes to the same session: same number, no second session, back in the pipeline.
    await expect.poll(async () => (await sessions()).map((s) => [s.id, s.status !== 'failed' && s.status !== 'created']), { timeout: 90_000 }).toEqual([[session!.id, true]]);
    expect((await sessions())[0]!.attemptNumber).toBe(session!.attemptNumber);
    await expectHealthy(page, problems, 'after choosing another file');
    await context.close();
  }, 240_000);
});
