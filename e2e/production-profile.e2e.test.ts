/// <reference lib="dom" />
/**
 * The production profile, end to end in Chromium, with no network: NODE_ENV=production with every
 * outside service configured and answered by its loopback stub (each written from the official
 * reference and refusing what the real service refuses):
 * - Gemini (analysis, coach text, narration script, embeddings; Files API upload of the proxy):
 *   core/src/providers/ai/testing/fake-gemini-server.ts
 * - Cloud Text-to-Speech (the coaching video's narration): core/src/providers/tts/testing/fake-tts-server.ts
 * - Speech-to-Text (the voice memo): core/src/providers/stt/testing/fake-speech-server.ts
 * - Cloud Storage (@tus/gcs-store uploads, media, V4 signed URLs the browser plays): core/src/providers/storage/testing/fake-gcs-server.ts
 * - Clerk (sign-in in both front-ends; networkless verification on the server): test-support/clerk-*.ts
 * A cook signs in through Clerk, records a memo and uploads a video, reads the coaching text; a coach
 * signs in through Clerk in the console and approves the rendered video; the cook plays it. At the
 * end every stub must have been used and must have refused nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestVideo } from '../core/src/media/testing/generate-test-video';
import { FakeGeminiServer, type FakeGenerateReply } from '../core/src/providers/ai/testing/fake-gemini-server';
import { validAnalysis } from '../core/src/providers/ai/testing/fixtures';
import { FakeGcsServer } from '../core/src/providers/storage/testing/fake-gcs-server';
import { FakeSpeechServer } from '../core/src/providers/stt/testing/fake-speech-server';
import { FakeTtsServer } from '../core/src/providers/tts/testing/fake-tts-server';
import { createClerkFrontendApiStub, type FapiUser } from '../test-support/clerk-frontend-api-stub';
import { createClerkStub, type ClerkStub } from '../test-support/clerk-stub';
import { DESKTOP, FAKE_MICROPHONE_ARGS, PHONE, launchBrowser, screenshot } from './support/browser';
import { routeFrontendApi, signInWithClerk } from './support/clerk-browser';
import { startOwnProduct, type OwnProduct } from './support/own-product';

const VIDEO_SECONDS = 30;
const BUCKET = 'ajimi-production-profile';
const SERVICE_ACCOUNT = 'ajimi-media@ajimi-e2e.iam.gserviceaccount.com';
const MEMO_TRANSCRIPT = '今日は強火にしたつもりです';
const COACH_TEXT_PROBLEM = 'ご飯を入れた瞬間の音が弱く、鍋が十分に熱くありませんでした。';

let browser: Browser;
let dir: string;
let videoPath: string;
let product: OwnProduct | undefined;
let clerk: ClerkStub;
let gemini: FakeGeminiServer;
let tts: FakeTtsServer;
let speech: FakeSpeechServer;
let gcs: FakeGcsServer;

/** The Gemini analysis fixture (written for 60 s) moved onto this video's time line. */
function analysisOfThisVideo(): unknown {
  const k = VIDEO_SECONDS / 60;
  const scale = (value: unknown, key = ''): unknown => {
    if (Array.isArray(value)) return value.map((v) => scale(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([kk, v]) => [kk, scale(v, kk)]));
    return typeof value === 'number' && ['t', 'at', 'start', 'end'].includes(key) ? Math.round(value * k * 10) / 10 : value;
  };
  return scale(validAnalysis());
}

/** Which pipeline stage a generateContent request is, from its response schema. */
function stageOf(json: unknown): 'analyze' | 'coach-text' | 'narrate' | 'other' {
  const props = Object.keys((json as { generationConfig?: { responseJsonSchema?: { properties?: Record<string, unknown> } } })?.generationConfig?.responseJsonSchema?.properties ?? {});
  return props.includes('keyMoments') ? 'analyze' : props.includes('nextSteps') ? 'coach-text' : props.includes('part2') ? 'narrate' : 'other';
}

const b = (ja: string, en: string) => ({ ja, en });
function geminiAnswer(json: unknown): FakeGenerateReply {
  switch (stageOf(json)) {
    case 'analyze':
      return { json: analysisOfThisVideo() };
    case 'coach-text':
      return {
        json: {
          problem: b(COACH_TEXT_PROBLEM, 'The sizzle was weak as the rice went in: the pan was not hot enough.'),
          skill: b('鍋をしっかり熱してから具材を入れる。', 'Heat the pan fully before the food goes in.'),
          nextSteps: [b('鍋を2分予熱してから油を入れる。', 'Preheat the pan for 2 minutes before the oil.')],
          successSigns: [b('入れた瞬間にジュワッと大きな音がする。', 'A loud sizzle the instant it goes in.')],
          principleSlug: null,
        },
      };
    case 'narrate':
      return {
        json: {
          part1: { intro: b('チャーハンのセッションです。', 'Your fried rice session.'), principle: b('鍋をしっかり熱する。', 'Heat the pan well.') },
          diagnosis: b('ご飯を入れたとき、鍋が冷えていました。', 'The pan was cold when the rice went in.'),
          pivot: b('動画を使ってそのポイントを見てみましょう', 'Let us look at that moment in your video'),
          part2: [
            { offset: 1, text: b('音を聞いてください。', 'Listen to the sound.'), cue: 'sound' },
            { offset: 4, text: b('鍋を熱してから入れましょう。', 'Heat first, then add.'), cue: 'rule' },
          ],
        },
      };
    default:
      return { status: 400, message: 'the production-profile test scripts no answer for this schema' };
  }
}

/** Requests each stub refused (a well-formed product never gets one). */
function refusals(): Record<string, string[]> {
  const show = (r: { status?: number | undefined; method: string; url: string }) => `${r.status} ${r.method} ${r.url}`;
  return { gemini: gemini.rejected.map(show), tts: tts.rejected.map(show), speech: speech.rejected.map(show), gcs: gcs.rejected.map(show) };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-e2e-production-'));
  videoPath = path.join(dir, 'fried-rice.mp4');
  const video = generateTestVideo(videoPath, { durationSec: VIDEO_SECONDS, width: 640, height: 360, sizzle: 'weak', events: { addAt: 8, flipAt: 16, plateAt: 26 } });
  [gemini, tts, speech, gcs] = await Promise.all([FakeGeminiServer.start(), FakeTtsServer.start(), FakeSpeechServer.start(), FakeGcsServer.start()]);
  gemini.videoDurationSec = VIDEO_SECONDS;
  gemini.onGenerate = (request) => geminiAnswer(request.json);
  speech.reply({ results: [{ alternatives: [{ transcript: MEMO_TRANSCRIPT, confidence: 0.9 }] }] });
  const serviceAccount = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  gcs.trustSigner(SERVICE_ACCOUNT, serviceAccount.publicKey);

  product = await startOwnProduct((baseUrl) => {
    clerk = createClerkStub({ defaultAzp: baseUrl });
    return {
      NODE_ENV: 'production',
      AJIMI_ALLOW_EMBEDDED_DB_IN_PRODUCTION: 'true',
      AJIMI_DEMO_ACCOUNTS: 'false',
      CLERK_SECRET_KEY: clerk.secretKey,
      CLERK_PUBLISHABLE_KEY: clerk.publishableKey,
      CLERK_JWT_KEY: clerk.jwtKeyOneLine,
      GEMINI_API_KEY: 'e2e-gemini-key',
      GEMINI_BASE_URL: gemini.baseUrl,
      GOOGLE_SPEECH_API_KEY: 'e2e-speech-key',
      GOOGLE_SPEECH_API_ENDPOINT: speech.endpoint,
      TTS_PROVIDER: 'google',
      GOOGLE_TTS_API_KEY: 'e2e-tts-key',
      GOOGLE_TTS_API_ENDPOINT: tts.baseUrl,
      STORAGE_DRIVER: 'gcs',
      GCS_BUCKET: BUCKET,
      GCS_PROJECT_ID: 'ajimi-e2e',
      GCS_CLIENT_EMAIL: SERVICE_ACCOUNT,
      // One line with literal \n, as secret managers and env files carry it.
      GCS_PRIVATE_KEY: serviceAccount.privateKey.trim().replace(/\n/g, '\\n'),
      GCS_API_ENDPOINT: gcs.endpoint,
    };
  });
  await video;
  browser = await launchBrowser(FAKE_MICROPHONE_ARGS);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
  await Promise.all([gemini?.close(), tts?.close(), speech?.close(), gcs?.close()]);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('production profile (NODE_ENV=production, every outside service on its stub)', () => {
  it('a cook signs in with Clerk, uploads and reads the coaching text; a coach approves; the cook plays the video; no stub refused anything', async () => {
    const baseUrl = product!.baseUrl;
    const cook: FapiUser = { identity: clerk.newIdentity(undefined), password: 'a long cook password' };
    const coach: FapiUser = { identity: clerk.newIdentity('coach'), password: 'a long coach password' };
    const errors: string[] = [];
    const started = Date.now();
    const phases: string[] = [];
    const mark = (label: string) => phases.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // The cook, on a phone: Clerk's sign-in, first run.
    const cookFapi = createClerkFrontendApiStub(clerk, { appOrigin: baseUrl, users: [cook] });
    const cookContext = await browser.newContext({ ...PHONE, permissions: ['microphone'] });
    await routeFrontendApi(cookContext, clerk, cookFapi, baseUrl);
    const page = await cookContext.newPage();
    page.on('pageerror', (e) => errors.push(`cook page: ${e.message}`));
    await page.goto(`${baseUrl}/`);
    await signInWithClerk(page, cook);
    await page.locator('[data-testid=first-run]').waitFor({ timeout: 30_000 });
    await page.fill('input[name=name]', 'あき');
    await page.click('[data-testid=dish-chip-fried-rice]');
    await page.click('[data-testid=first-run-save]');
    await page.locator('[data-testid=room-my_coaching]').waitFor({ timeout: 20_000 });

    // A new session: the video, and a voice memo from the fake microphone.
    await page.click('[data-testid=new-session-button]');
    await page.locator('[data-testid=new-session]').waitFor();
    await page.setInputFiles('[data-testid=video-file]', videoPath);
    await page.locator('[data-testid=video-picked]').getByText('0:30').waitFor({ timeout: 15_000 });
    await page.click('[data-testid=memo-record]');
    await page.locator('[data-testid=memo-recording]').waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=memo-level]')?.getAttribute('data-level') ?? 0) > 5, undefined, { timeout: 10_000 });
    await page.click('[data-testid=memo-stop]');
    await page.locator('[data-testid=memo-playback]').waitFor();
    await page.click('[data-testid=send-session]');
    await page.locator('[data-testid=upload-done]').waitFor({ timeout: 60_000 });
    const uploadDoneAt = Date.now();
    mark('uploaded');

    // The coaching text arrives live, written through Gemini.
    await page.click('[data-testid=upload-open]');
    const card = page.locator('[data-testid=coaching-card]');
    await card.waitFor({ timeout: 90_000 });
    console.log(`production profile: upload complete → coaching text card: ${((Date.now() - uploadDoneAt) / 1000).toFixed(1)} s`);
    mark('coaching text');
    expect(await card.locator('[data-testid=coaching-problem]').innerText()).toContain(COACH_TEXT_PROBLEM.slice(0, 12));
    await screenshot(page, 'production-profile-coaching-text');

    // The coach, in the console: Clerk's sign-in, the review queue, the rendered video, approve.
    const coachFapi = createClerkFrontendApiStub(clerk, { appOrigin: baseUrl, users: [coach] });
    const coachContext = await browser.newContext(DESKTOP);
    await routeFrontendApi(coachContext, clerk, coachFapi, baseUrl);
    const console_ = await coachContext.newPage();
    console_.on('pageerror', (e) => errors.push(`console page: ${e.message}`));
    await console_.goto(`${baseUrl}/console/`);
    await signInWithClerk(console_, coach);
    await console_.getByText(coach.identity.name!).first().waitFor({ timeout: 30_000 });
    await console_.goto(`${baseUrl}/console/reviews`);
    const rows = console_.locator('table tbody tr');
    await rows.first().waitFor({ timeout: 60_000 });
    await rows.first().click();
    await console_.getByTestId('review-workspace').waitFor({ timeout: 20_000 });
    await console_.locator('[data-testid=claim-state][data-claim=held]').waitFor({ timeout: 15_000 });
    const approve = console_.getByTestId('approve');
    // The render takes 1–3 min on a 2-core machine shared with other work.
    await expect.poll(() => approve.isEnabled(), { timeout: 240_000, interval: 1000 }).toBe(true);
    mark('rendered, approvable');
    await screenshot(console_, 'production-profile-review');
    await approve.click();
    await console_.waitForURL((url) => !/\/console\/reviews\/[^/]+$/.test(url.pathname) || url.pathname.endsWith('/reviews'), { timeout: 15_000 });

    // The cook's video card arrives live and plays from a signed Cloud Storage URL.
    const player = page.locator('[data-testid=video-player]');
    await player.waitFor({ timeout: 60_000 });
    const src = await player.evaluate((video: HTMLVideoElement) => video.currentSrc || video.src);
    expect(new URL(src).origin).toBe(gcs.endpoint);
    const played = await player.evaluate(async (video: HTMLVideoElement) => {
      video.muted = true;
      await video.play();
      await new Promise<void>((resolve) => {
        const check = () => (video.currentTime > 0.5 ? resolve() : requestAnimationFrame(check));
        check();
      });
      video.pause();
      return { at: video.currentTime, duration: video.duration };
    });
    expect(played.at).toBeGreaterThan(0.5);
    expect(played.duration).toBeGreaterThan(20);
    mark('played');
    console.log(`production profile phases: ${phases.join(', ')}`);
    await screenshot(page, 'production-profile-video');

    // Every stub was used, and none refused a request.
    expect(gemini.requestsFor('model-get').length).toBeGreaterThan(0);
    expect(gemini.requestsFor('upload-start').length).toBeGreaterThan(0);
    expect(gemini.requestsFor('embed').length).toBeGreaterThan(0);
    expect(gemini.requestsFor('generate').map((r) => stageOf(r.json)).sort()).toEqual(['analyze', 'coach-text', 'narrate']);
    expect(speech.acceptedSeconds.length).toBeGreaterThan(0);
    expect(tts.accepted.length).toBeGreaterThan(0);
    expect(gcs.requestsFor('compose').length + gcs.requestsFor('resumable-put').length).toBeGreaterThan(0);
    expect(gcs.requestsFor('signed-get').length).toBeGreaterThan(0);
    expect(cookFapi.seen.length + coachFapi.seen.length).toBeGreaterThan(0);
    expect(refusals()).toEqual({ gemini: [], tts: [], speech: [], gcs: [] });
    expect([...cookFapi.unknown, ...coachFapi.unknown]).toEqual([]);
    expect(errors).toEqual([]);
    await cookContext.close();
    await coachContext.close();
  }, 420_000);
});
