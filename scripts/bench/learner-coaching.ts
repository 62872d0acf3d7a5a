/**
 * `node_modules/.bin/node --import tsx scripts/bench/learner-coaching.ts [runs=3] [seconds=60]`
 * Time from "upload complete" on the cook's phone to the coaching-text card on screen, in the real
 * product (npm start's process tree, offline providers) and Debian's Chromium: a generated 720p
 * cooking video is sent through the New session screen; the clock starts when the app shows the
 * upload as complete and stops when the card is visible in My Coaching, delivered by the live
 * event stream (no reload). Split: the pipeline's own time (the session's uploadedAt →
 * coachTextSentAt, from the API) and the rest (event stream + rendering the card). Each run waits
 * for the previous session's video render to finish, so runs do not share the CPU with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { generateTestVideo } from '../../core/src/media/testing/generate-test-video';
import { launchChromium, median, PHONE, startProduct } from './learner-product';

const runs = Number(process.argv[2] ?? 3);
const seconds = Number(process.argv[3] ?? 60);
const product = await startProduct();
try {
  const video = path.join(product.dataDir, 'cook.mp4');
  await generateTestVideo(video, { durationSec: seconds, width: 1280, height: 720, sizzle: 'weak', grain: 8 });
  console.log(`test video: ${seconds} s 1280×720, ${(fs.statSync(video).size / 2 ** 20).toFixed(1)} MB`);
  const browser = await launchChromium();
  const total: number[] = [];
  const pipeline: number[] = [];
  const delivery: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const email = `bench-${randomUUID().slice(0, 8)}@bench.ajimi.local`;
    await context.request.post(`${product.base}/api/auth/login`, { data: { email: 'admin@ajimi.local', password: product.demoPassword } });
    await context.request.post(`${product.base}/api/console/users`, { data: { email, name: 'Bench Cook', role: 'learner', locale: 'ja', password: 'bench-cook-password' } });
    await context.request.post(`${product.base}/api/auth/logout`);
    await context.request.post(`${product.base}/api/auth/login`, { data: { email, password: 'bench-cook-password' } });
    await context.request.put(`${product.base}/api/profile`, { data: { name: 'Bench', locale: 'ja', dishSlugs: ['fried-rice'] } });
    await page.goto(`${product.base}/#/new?dish=fried-rice`);
    await page.setInputFiles('[data-testid=video-file]', video);
    await page.waitForFunction(() => document.querySelector('[data-testid=video-picked]') && !document.querySelector('[data-testid=video-checking]'));
    await page.click('[data-testid=send-session]');
    await page.locator('[data-testid=upload-done]').waitFor({ timeout: 120_000 });
    const t0 = Date.now();
    await page.click('[data-testid=upload-open]');
    await page.locator('[data-testid=coaching-card]').waitFor({ timeout: 180_000 });
    const t1 = Date.now();
    const sessions = (await (await context.request.get(`${product.base}/api/sessions`)).json()) as { sessions: Array<{ uploadedAt: string; coachTextSentAt: string }> };
    const s = sessions.sessions[0]!;
    const serverMs = Date.parse(s.coachTextSentAt) - Date.parse(s.uploadedAt);
    total.push(t1 - t0);
    pipeline.push(serverMs);
    delivery.push(t1 - Date.parse(s.coachTextSentAt));
    console.log(`run ${i + 1}: ${((t1 - t0) / 1000).toFixed(1)} s (pipeline ${(serverMs / 1000).toFixed(1)} s, coaching text sent → card visible ${((t1 - Date.parse(s.coachTextSentAt)) / 1000).toFixed(1)} s)`);
    await context.close();
    // Let this session's video render finish first: the next run should not share the CPU with it.
    const admin = await browser.newContext();
    await admin.request.post(`${product.base}/api/auth/login`, { data: { email: 'admin@ajimi.local', password: product.demoPassword } });
    for (let wait = 0; wait < 300; wait++) {
      const items = (await (await admin.request.get(`${product.base}/api/console/reviews?range=[0,99]`)).json()) as Array<{ cook: { name: string }; render: { status: string } | null }>;
      if (items.length && items.every((r) => r.render && ['done', 'failed', 'superseded'].includes(r.render.status))) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    await admin.close();
  }
  await browser.close();
  const f = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`upload complete → coaching text card visible (median of ${runs}): ${f(median(total))}`);
  console.log(`  of which the pipeline (uploadedAt → coachTextSentAt): ${f(median(pipeline))}; coaching text sent → card on screen: ${f(median(delivery))}`);
} finally {
  await product.stop();
}
