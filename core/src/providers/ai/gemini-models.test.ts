import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AiProviderError } from './ai-provider';
import { GeminiVideoAnalyzer } from './gemini-analyzer';
import { createGeminiClient } from './gemini-client';
import { checkGeminiModels } from './create-gemini-providers';
import { checkGeminiModel, DEFAULT_GEMINI_MODEL, GEMINI_DEPRECATIONS_URL } from './gemini-models';
import { FakeGeminiServer } from './testing/fake-gemini-server';
import { makeAnalyzeInput, makeSignals, validAnalysis } from './testing/fixtures';
import { installNetworkGuard } from '../../testing/network-guard';
import type { NetworkGuard } from '../../testing/network-guard';

let fake: FakeGeminiServer;
let guard: NetworkGuard;
let dir: string;
let video: string;

beforeAll(async () => {
  guard = installNetworkGuard();
  fake = await FakeGeminiServer.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-gemini-models-'));
  video = path.join(dir, 'proxy.mp4');
  fs.writeFileSync(video, Buffer.alloc(64 * 1024, 3));
});
afterEach(() => fake.reset());
afterAll(async () => {
  guard.restore();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
  expect(guard.offLoopback()).toEqual([]);
});

const client = (model = DEFAULT_GEMINI_MODEL, apiVersion?: string) =>
  createGeminiClient({ apiKey: 'k', model, baseUrl: fake.baseUrl, timeoutMs: 5_000, ...(apiVersion ? { apiVersion } : {}) });

describe('Gemini model ids and API versions (through @google/genai against the stub)', () => {
  it('accepts the current default model and reads its input limit from models.get on v1beta', async () => {
    const info = await checkGeminiModel(client(), DEFAULT_GEMINI_MODEL);
    expect(info).toEqual({ name: 'models/gemini-3.8-flash', inputTokenLimit: 1_048_576 });
    expect(fake.requestsFor('model-get')[0]!.url).toBe('/v1beta/models/gemini-3.8-flash');
  });

  it('fails a shut-down or unknown model at start, naming the deprecations page', async () => {
    for (const model of ['gemini-2.5-flash', 'gemini-2.0-flash', 'gemini-9-typo']) {
      const err = (await checkGeminiModel(client(model), model).catch((e: unknown) => e)) as AiProviderError;
      expect(err).toBeInstanceOf(AiProviderError);
      expect(err.kind).toBe('config');
      expect(err.retryable).toBe(false);
      expect(err.message).toContain(GEMINI_DEPRECATIONS_URL);
      expect(err.message).toContain(model);
    }
  });

  it('generateContent on a retired model is a 404 that no retry can fix', async () => {
    const c = client('gemini-2.5-flash');
    const err = (await c
      .call('generate', () => c.ai.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' }))
      .catch((e: unknown) => e)) as AiProviderError;
    expect(err.kind).toBe('rejected');
    expect(err.message).toContain('is not found for API version v1beta');
  });

  it('the Files API answers only under v1beta: an SDK left on its v1 default gets a 404', async () => {
    const onV1 = client(DEFAULT_GEMINI_MODEL, 'v1');
    await expect(onV1.call('files.upload', () => onV1.ai.files.upload({ file: video, config: { mimeType: 'video/mp4' } }))).rejects.toMatchObject({
      kind: 'rejected',
    });
    expect(fake.requestsFor('unknown')[0]!.url).toBe('/upload/v1/files');
    const pinned = client();
    const file = await pinned.call('files.upload', () => pinned.ai.files.upload({ file: video, config: { mimeType: 'video/mp4' } }));
    expect(file.name).toMatch(/^files\//);
    expect(fake.requestsFor('upload-start')[0]!.url).toBe('/upload/v1beta/files');
  });

  it('a 60-minute video fits: low media resolution is sent, and the same request at default resolution is refused', async () => {
    fake.videoDurationSec = 3600;
    fake.processingPolls = 0;
    fake.replyGenerate({ json: validAnalysis() });
    const analyzer = new GeminiVideoAnalyzer({ apiKey: 'k', model: DEFAULT_GEMINI_MODEL, baseUrl: fake.baseUrl, timeoutMs: 5_000, pollIntervalMs: 5 });
    await analyzer.analyze(makeAnalyzeInput({ videoPath: video, signals: makeSignals(3600) }));
    const sent = fake.requestsFor('generate')[0]!.json as {
      generationConfig: { mediaResolution?: string; temperature?: number };
      contents: Array<{ parts: Array<{ videoMetadata?: { fps: number } }> }>;
    };
    expect(sent.generationConfig.mediaResolution).toBe('MEDIA_RESOLUTION_LOW');
    expect(sent.generationConfig.temperature).toBeUndefined(); // Gemini 3: keep the default sampling
    expect(sent.contents[0]!.parts[0]!.videoMetadata).toEqual({ fps: 1 });
    expect(fake.lastPromptTokens).toBeGreaterThan(300_000);
    expect(fake.lastPromptTokens).toBeLessThan(1_048_576);

    // What the product sent before: no media resolution → ~300 tokens/s × 3600 s, over the limit → 400.
    const prompt = (fake.requestsFor('generate')[0]!.json as { contents: Array<{ parts: Array<{ text?: string }> }> }).contents[0]!.parts[1]!.text!;
    const c = client();
    const file = await c.call('files.upload', () => c.ai.files.upload({ file: video, config: { mimeType: 'video/mp4' } }));
    const err = (await c
      .call('generate', () =>
        c.ai.models.generateContent({
          model: DEFAULT_GEMINI_MODEL,
          contents: [{ role: 'user', parts: [{ fileData: { fileUri: file.uri!, mimeType: 'video/mp4' } }, { text: prompt }] }],
        }),
      )
      .catch((e: unknown) => e)) as AiProviderError;
    expect(err.message).toContain('exceeds the maximum number of tokens allowed (1048576)');
  });
});

describe('checkGeminiModels (at start)', () => {
  const config = (videoModel: string, textModel: string) => ({ apiKey: 'k', model: videoModel, videoModel, textModel, baseUrl: fake.baseUrl, timeoutMs: 5_000 });

  it('checks each configured id once', async () => {
    const found = await checkGeminiModels(config('gemini-3.8-flash', 'gemini-3.5-flash-lite'));
    expect([...found.keys()]).toEqual(['gemini-3.8-flash', 'gemini-3.5-flash-lite']);
    expect(fake.requestsFor('model-get').map((r) => r.url)).toEqual(['/v1beta/models/gemini-3.8-flash', '/v1beta/models/gemini-3.5-flash-lite']);
  });

  it('refuses to start on a retired id, but only reports an outage', async () => {
    await expect(checkGeminiModels(config('gemini-3.8-flash', 'gemini-2.5-flash'))).rejects.toMatchObject({ kind: 'config' });
    fake.fail('model-get', { status: 503 });
    const reported: string[] = [];
    const found = await checkGeminiModels(config('gemini-3.8-flash', 'gemini-3.8-flash'), (err) => reported.push(err.kind));
    expect(found.size).toBe(0);
    expect(reported).toEqual(['unavailable']);
  });
});
