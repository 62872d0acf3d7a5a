/**
 * `node --import tsx scripts/contract/render-demo-through-tts-stub.ts` — the issue-14 contract: with
 * TTS_PROVIDER=google, GOOGLE_TTS_API_KEY and GOOGLE_TTS_API_ENDPOINT set, `npm run render:demo`
 * narrates through that endpoint. Starts the Cloud TTS stub, runs render:demo against it, prints
 * how many requests the stub accepted and refused.
 */
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { FakeTtsServer } from '../../core/src/providers/tts/testing/fake-tts-server';
const fake = await FakeTtsServer.start();
const child = spawn('node', ['scripts/launch.mjs', 'render:demo', path.join(os.tmpdir(), 'ajimi-contract-demo.mp4')], {
  cwd: path.resolve(import.meta.dirname, '../..'),
  env: { ...process.env, TTS_PROVIDER: 'google', GOOGLE_TTS_API_KEY: 'contract-key', GOOGLE_TTS_API_ENDPOINT: fake.baseUrl },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const code = await new Promise((r) => child.on('exit', r));
console.log(`render:demo exit ${code}; TTS stub requests ${fake.requests.length}, accepted ${fake.accepted.length}, refused ${fake.requests.length - fake.accepted.length}`);
console.log('voices', [...new Set(fake.requests.map((r) => r.json?.voice?.name))].join(','));
await fake.close();
