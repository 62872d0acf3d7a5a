/**
 * `node_modules/.bin/node --import tsx scripts/bench/learner-shell.ts [runs=5]`
 * First load of the learner app shell on loopback, in Debian's Chromium with a phone viewport:
 * a fresh browser profile each run (no HTTP cache, no service worker) until the sign-in form is on
 * screen, with the bytes that crossed the wire (CDP encodedDataLength: headers + bodies) and the
 * request count. Then a repeat visit with the service worker installed. Baseline, same process:
 * plain HTTP GETs of the same files with fetch (no parsing, no rendering).
 */
import { launchChromium, median, PHONE, startProduct } from './learner-product';

const runs = Number(process.argv[2] ?? 5);
const product = await startProduct();
try {
  const browser = await launchChromium();
  const cold: Array<{ ms: number; bytes: number; requests: number; urls: string[] }> = [];
  let warm: { ms: number; bytes: number; requests: number } | undefined;
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const measure = async () => {
      let bytes = 0;
      const urls: string[] = [];
      const onResponse = (e: { response: { url: string } }) => urls.push(e.response.url);
      const onFinished = (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength);
      cdp.on('Network.responseReceived', onResponse);
      cdp.on('Network.loadingFinished', onFinished);
      const t = performance.now();
      await page.goto(`${product.base}/`, { waitUntil: 'commit' });
      await page.locator('input[name=email]').waitFor({ timeout: 30_000 });
      const ms = performance.now() - t;
      await page.waitForTimeout(300); // let trailing loads (icons, manifest) finish for the byte count
      cdp.off('Network.responseReceived', onResponse);
      cdp.off('Network.loadingFinished', onFinished);
      return { ms, bytes, requests: urls.length, urls };
    };
    cold.push(await measure());
    if (i === runs - 1) {
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await page.waitForTimeout(1000); // precache finished
      warm = await measure();
    }
    await context.close();
  }
  await browser.close();

  // Baseline: the same documents and scripts fetched with plain HTTP.
  const shellUrls = [...new Set(cold[0]!.urls.filter((u) => !u.includes('/api/')))];
  const baseline: number[] = [];
  let baselineBytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    baselineBytes = 0;
    for (const url of shellUrls) baselineBytes += (await (await fetch(url)).arrayBuffer()).byteLength;
    baseline.push(performance.now() - t);
  }

  const ms = median(cold.map((c) => c.ms));
  console.log(`learner app shell, first load on loopback (${runs} cold runs, phone viewport)`);
  console.log(`  time to sign-in form  median ${ms.toFixed(0)} ms (min ${Math.min(...cold.map((c) => c.ms)).toFixed(0)}, max ${Math.max(...cold.map((c) => c.ms)).toFixed(0)})`);
  console.log(`  bytes over the wire   ${(median(cold.map((c) => c.bytes)) / 1024).toFixed(1)} KiB in ${median(cold.map((c) => c.requests))} requests`);
  console.log(`  repeat visit (service worker)  ${warm!.ms.toFixed(0)} ms, ${(warm!.bytes / 1024).toFixed(1)} KiB from the network, ${warm!.requests} requests`);
  console.log(`  baseline: plain fetch of the ${shellUrls.length} shell files (${(baselineBytes / 1024).toFixed(1)} KiB bodies)  median ${median(baseline).toFixed(0)} ms → browser load is ${(ms / median(baseline)).toFixed(1)}× the raw transfer`);
} finally {
  await product.stop();
}
