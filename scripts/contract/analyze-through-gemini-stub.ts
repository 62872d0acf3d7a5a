/**
 * `node --import tsx scripts/contract/analyze-through-gemini-stub.ts` — the issue-14 contract: with
 * GEMINI_API_KEY and GEMINI_BASE_URL set, `npm run analyze -- FILE` uses Gemini through that base
 * URL. Starts the Gemini stub, runs analyze on a generated 20 s video, prints every request the
 * stub saw (models.get, Files API upload/poll/delete on v1beta, generateContent) and its status.
 */
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { FakeGeminiServer } from '../../core/src/providers/ai/testing/fake-gemini-server';
import { validAnalysis } from '../../core/src/providers/ai/testing/fixtures';
const video = path.join(os.tmpdir(), 'ajimi-contract-analyze.mp4');
execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=30:duration=20', '-f', 'lavfi', '-i', 'sine=frequency=300:duration=20', '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', video]);
const fake = await FakeGeminiServer.start();
fake.videoDurationSec = 20;
fake.onGenerate = () => ({ json: validAnalysis() });
const child = spawn('node', ['scripts/launch.mjs', 'analyze', video], {
  cwd: path.resolve(import.meta.dirname, '../..'),
  env: { ...process.env, GEMINI_API_KEY: 'contract-key', GEMINI_BASE_URL: fake.baseUrl },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
child.stdout.on('data', (d) => (out += d));
const code = await new Promise((r) => child.on('exit', r));
const parsed = JSON.parse(out.slice(out.indexOf('{')));
console.log(`analyze exit ${code}; provider ${JSON.stringify(parsed.provider)}; diagnosis ${parsed.result?.diagnosis?.code}`);
console.log('stub requests:', fake.requests.map((r) => `${r.method} ${r.url.split('?')[0]} ${r.status}`).join(' | '));
await fake.close();
