import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { analysisResultSchema } from '../../domain/analysis';
import { AiProviderError } from './ai-provider';
import { GeminiVideoAnalyzer } from './gemini-analyzer';
import type { GeminiAnalyzerOptions } from './gemini-analyzer';
import { FakeGeminiServer } from './testing/fake-gemini-server';
import type { FakeGeminiRequest } from './testing/fake-gemini-server';
import { makeAnalyzeInput, validAnalysis } from './testing/fixtures';
import { installNetworkGuard } from '../../testing/network-guard';
import type { NetworkGuard } from '../../testing/network-guard';

const MODEL = 'gemini-3.8-flash';
const KEY = 'test-key-not-real';
let fake: FakeGeminiServer;
let guard: NetworkGuard;
let dir: string;
let video: string;
// 9 MB: more than one 8 MiB resumable chunk.
const VIDEO_BYTES = Buffer.alloc(9 * 1024 * 1024, 7);

function makeAnalyzer(overrides: Partial<GeminiAnalyzerOptions> = {}): GeminiVideoAnalyzer {
  return new GeminiVideoAnalyzer({
    apiKey: KEY,
    model: MODEL,
    baseUrl: fake.baseUrl,
    timeoutMs: 5_000,
    pollIntervalMs: 5,
    ...overrides,
  });
}

interface GenerateBody {
  systemInstruction?: { parts?: Array<{ text?: string }> };
  contents: Array<{ role: string; parts: Array<{ text?: string; fileData?: { fileUri: string; mimeType: string } }> }>;
  generationConfig?: { responseMimeType?: string; responseJsonSchema?: Record<string, unknown> };
}
const bodyOf = (r: FakeGeminiRequest) => r.json as GenerateBody;
const systemText = (r: FakeGeminiRequest) => (bodyOf(r).systemInstruction?.parts ?? []).map((p) => p.text).join('');
const userText = (r: FakeGeminiRequest, turn = 0) =>
  (bodyOf(r).contents[turn]?.parts ?? []).map((p) => p.text ?? '').join('');

beforeAll(async () => {
  guard = installNetworkGuard();
  fake = await FakeGeminiServer.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-gemini-'));
  video = path.join(dir, 'proxy-720p.mp4');
  fs.writeFileSync(video, VIDEO_BYTES);
});

afterEach(() => fake.reset());

afterAll(async () => {
  guard.restore();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
  expect(guard.hosts.length).toBeGreaterThan(0);
  expect(guard.offLoopback()).toEqual([]);
});

describe('GeminiVideoAnalyzer against a loopback Gemini API stub', () => {
  it('uploads the proxy, waits for ACTIVE, returns a valid AnalysisResult and deletes the file', async () => {
    fake.replyGenerate({ json: validAnalysis() });
    const analyzer = makeAnalyzer();
    const result = await analyzer.analyze(makeAnalyzeInput({ videoPath: video }));

    expect(analysisResultSchema.parse(result)).toEqual(result);
    expect(result.diagnosis?.code).toBe('pan_not_hot');
    expect(analyzer.provenance).toEqual({ provider: 'gemini', model: MODEL, promptVersion: 'analyze/v2' });

    // Resumable upload: start, then two chunks (8 MiB + rest), the last one finalising.
    const [start] = fake.requestsFor('upload-start');
    expect(start!.headers['x-goog-upload-header-content-length']).toBe(String(VIDEO_BYTES.length));
    expect(start!.headers['x-goog-upload-header-content-type']).toBe('video/mp4');
    expect(start!.headers['x-goog-api-key']).toBe(KEY);
    const chunks = fake.requestsFor('upload-chunk');
    expect(chunks.map((c) => c.headers['x-goog-upload-command'])).toEqual(['upload', 'upload, finalize']);
    expect(Buffer.concat(chunks.map((c) => c.body)).equals(VIDEO_BYTES)).toBe(true);

    // Polled until ACTIVE (one PROCESSING answer), then generateContent with the video first.
    expect(fake.requestsFor('file-get').length).toBe(2);
    const [generate] = fake.requestsFor('generate');
    expect(generate!.model).toBe(MODEL);
    const body = bodyOf(generate!);
    const parts = body.contents[0]!.parts;
    expect(parts[0]!.fileData).toEqual({ fileUri: expect.stringMatching(/\/v1(beta)?\/files\/[a-f0-9]+$/), mimeType: 'video/mp4' });
    expect(body.generationConfig?.responseMimeType).toBe('application/json');
    expect(body.generationConfig?.responseJsonSchema).toMatchObject({ type: 'object', required: expect.arrayContaining(['keyMoments']) });
    expect(JSON.stringify(body.generationConfig?.responseJsonSchema)).not.toContain('maxLength');

    // The prompt carries the signals summary, the rubric and the cook's note (in its data block only).
    const user = userText(generate!);
    expect(user).toContain('camera covered: 30-35s');
    expect(user).toContain('expected cooking time: 120–420');
    expect(user).toContain('<cook_note>\n今日は少し火が弱かった気がします。\n</cook_note>');
    expect(systemText(generate!)).toContain('<cook_note>');
    expect(systemText(generate!)).not.toContain('火が弱かった');

    expect(fake.deleted).toEqual([expect.stringMatching(/^files\/[a-f0-9]+$/)]);
    expect(fake.files.size).toBe(0);
  });

  it('uses a caller-built signals summary when one is given', async () => {
    fake.processingPolls = 0;
    fake.replyGenerate({ json: validAnalysis() });
    await makeAnalyzer().analyze(makeAnalyzeInput({ videoPath: video, signalsSummary: 'SUMMARY-FROM-PIPELINE' }));
    expect(userText(fake.requestsFor('generate')[0]!)).toContain('SUMMARY-FROM-PIPELINE');
    expect(fake.requestsFor('file-get')).toHaveLength(0);
  });

  it('repairs schema-invalid output once, sending the validation problems back', async () => {
    const bad = { ...validAnalysis(), diagnosis: { ...validAnalysis().diagnosis, code: 'too_salty' } };
    fake.replyGenerate({ json: bad }, { json: validAnalysis() });
    const result = await makeAnalyzer().analyze(makeAnalyzeInput({ videoPath: video }));
    expect(result.diagnosis?.code).toBe('pan_not_hot');

    const [first, repair] = fake.requestsFor('generate');
    expect(first).toBeDefined();
    const contents = bodyOf(repair!).contents;
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(contents[1]!.parts[0]!.text).toContain('too_salty');
    expect(contents[2]!.parts[0]!.text).toContain('diagnosis.code');
    expect(systemText(repair!)).toBe(systemText(first!));
  });

  it('repairs malformed JSON', async () => {
    fake.replyGenerate({ text: '{"events": [{"t": 1, "type": "stirring"' }, { text: '```json\n' + JSON.stringify(validAnalysis()) + '\n```' });
    const result = await makeAnalyzer().analyze(makeAnalyzeInput({ videoPath: video }));
    expect(result.keyMoments.length).toBeGreaterThan(0);
    expect(userText(fake.requestsFor('generate')[1]!, 2)).toContain('not valid JSON');
  });

  it('fails with invalid_output when the repaired output is still invalid, and still deletes the file', async () => {
    fake.replyGenerate({ json: { events: [] } }, { json: { events: [], keyMoments: [] } });
    const err = await makeAnalyzer()
      .analyze(makeAnalyzeInput({ videoPath: video }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AiProviderError);
    expect((err as AiProviderError).kind).toBe('invalid_output');
    expect((err as AiProviderError).retryable).toBe(false);
    expect(fake.requestsFor('generate')).toHaveLength(2);
    expect(fake.deleted).toHaveLength(1);
  });

  it('maps 429 to rate_limited with the Retry-After seconds', async () => {
    fake.replyGenerate({ status: 429, retryAfter: '17', message: 'Resource has been exhausted' });
    const err = (await makeAnalyzer()
      .analyze(makeAnalyzeInput({ videoPath: video }))
      .catch((e: unknown) => e)) as AiProviderError;
    expect(err).toBeInstanceOf(AiProviderError);
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterSeconds).toBe(17);
    expect(err.retryable).toBe(true);
    expect(fake.requestsFor('generate')).toHaveLength(1); // no SDK-level retries: the job queue retries
    // The upload is kept for the job's next attempt, which reuses it instead of uploading again.
    expect(fake.deleted).toHaveLength(0);
    expect(fake.requestsFor('upload-start')).toHaveLength(1);
  });

  it('reuses the uploaded file on the retry after a 429 and deletes it once the analysis succeeds', async () => {
    const analyzer = makeAnalyzer();
    fake.replyGenerate({ status: 429, retryAfter: '1' }, { json: validAnalysis() });
    await expect(analyzer.analyze(makeAnalyzeInput({ videoPath: video }))).rejects.toMatchObject({ kind: 'rate_limited' });
    // The retry sees the same content at another temporary path.
    const copy = path.join(dir, 'retry-copy.mp4');
    fs.copyFileSync(video, copy);
    await analyzer.analyze(makeAnalyzeInput({ videoPath: copy }));
    expect(fake.requestsFor('upload-start')).toHaveLength(1);
    const [first, second] = fake.requestsFor('generate').map((r) => bodyOf(r).contents[0]!.parts[0]!.fileData!.fileUri);
    expect(second).toBe(first);
    expect(fake.deleted).toHaveLength(1);
    expect(fake.files.size).toBe(0);
  });

  it('uploads again when the remembered file has expired on the Gemini side', async () => {
    const analyzer = makeAnalyzer();
    fake.replyGenerate({ status: 503 }, { json: validAnalysis() });
    await expect(analyzer.analyze(makeAnalyzeInput({ videoPath: video }))).rejects.toMatchObject({ kind: 'unavailable' });
    fake.files.clear(); // expired after 48 h
    await analyzer.analyze(makeAnalyzeInput({ videoPath: video }));
    expect(fake.requestsFor('upload-start')).toHaveLength(2);
  });

  it('reads the retry delay from google.rpc.RetryInfo when there is no Retry-After header', async () => {
    fake.fail('upload-start', { status: 429, retryDelay: '42.5s' });
    const err = (await makeAnalyzer()
      .analyze(makeAnalyzeInput({ videoPath: video }))
      .catch((e: unknown) => e)) as AiProviderError;
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterSeconds).toBe(43);
  });

  it('maps 500 to unavailable and 400 to rejected', async () => {
    fake.replyGenerate({ status: 500, message: 'Internal error encountered.' });
    const e500 = (await makeAnalyzer()
      .analyze(makeAnalyzeInput({ videoPath: video }))
      .catch((e: unknown) => e)) as AiProviderError;
    expect(e500.kind).toBe('unavailable');
    expect(e500.message).toContain('Internal error encountered.');

    fake.replyGenerate({ status: 400, message: 'Request contains an invalid argument.' });
    const e400 = (await makeAnalyzer()
      .analyze(makeAnalyzeInput({ videoPath: video }))
      .catch((e: unknown) => e)) as AiProviderError;
    expect(e400.kind).toBe('rejected');
    expect(e400.retryable).toBe(false);
  });

  it('times out a hanging generateContent within timeoutMs', async () => {
    fake.replyGenerate({ hang: true });
    const started = Date.now();
    const err = (await makeAnalyzer({ timeoutMs: 400 })
      .analyze(makeAnalyzeInput({ videoPath: video }))
      .catch((e: unknown) => e)) as AiProviderError;
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(AiProviderError);
    expect(err.kind).toBe('timeout');
    expect(elapsed).toBeLessThan(3_000);
    expect(fake.deleted).toHaveLength(0); // kept for the retry
  });

  it('stops when the caller aborts while the video is processing', async () => {
    fake.processingPolls = 1_000;
    const controller = new AbortController();
    const pending = makeAnalyzer({ pollIntervalMs: 10 })
      .analyze(makeAnalyzeInput({ videoPath: video, signal: controller.signal }))
      .catch((e: unknown) => e);
    // The upload comes first; on a loaded machine it takes longer than vi.waitFor's 1 s default.
    await vi.waitFor(() => expect(fake.requestsFor('file-get').length).toBeGreaterThan(0), { timeout: 15_000 });
    controller.abort();
    const err = (await pending) as AiProviderError;
    expect(err.kind).toBe('timeout');
    expect(fake.requestsFor('generate')).toHaveLength(0);
    expect(fake.deleted).toHaveLength(1);
  });

  it('stops at once when aborted during the upload, and deletes the file once it lands', async () => {
    fake.fail('upload-chunk', { delayMs: 300 });
    const controller = new AbortController();
    const pending = makeAnalyzer()
      .analyze(makeAnalyzeInput({ videoPath: video, signal: controller.signal }))
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(fake.requestsFor('upload-chunk').length).toBe(1), { timeout: 15_000 });
    controller.abort();
    const abortErr = (await pending) as AiProviderError;
    expect(abortErr.kind, abortErr.message).toBe('timeout');
    await vi.waitFor(() => expect(fake.deleted).toHaveLength(1), { timeout: 15_000 });
    expect(fake.requestsFor('generate')).toHaveLength(0);
  });

  it('gives up when the file never becomes ACTIVE, and rejects a FAILED file', async () => {
    fake.processingPolls = 1_000;
    const slow = (await makeAnalyzer({ fileActiveTimeoutMs: 60 })
      .analyze(makeAnalyzeInput({ videoPath: video }))
      .catch((e: unknown) => e)) as AiProviderError;
    expect(slow.kind).toBe('timeout');

    fake.reset();
    fake.finalFileState = 'FAILED';
    const failed = (await makeAnalyzer()
      .analyze(makeAnalyzeInput({ videoPath: video }))
      .catch((e: unknown) => e)) as AiProviderError;
    expect(failed.kind).toBe('rejected');
    expect(failed.message).toContain('could not be processed');
  });

  it('drops or clamps key moments outside the video or over obstructed seconds', async () => {
    const raw = validAnalysis();
    raw.keyMoments = [
      { ...raw.keyMoments[0]!, start: 70, end: 80, score: 0.95 }, // after the end (60 s): dropped
      { ...raw.keyMoments[0]!, start: 31, end: 33, score: 0.9 }, // inside 30–34 obstructed: dropped
      { ...raw.keyMoments[0]!, start: 26, end: 36, score: 0.8 }, // overlaps: clamped to 26–30
      { ...raw.keyMoments[0]!, start: 58, end: 65, score: 0.7 }, // runs past the end: clamped to 58–60
    ];
    fake.replyGenerate({ json: raw });
    const result = await makeAnalyzer().analyze(makeAnalyzeInput({ videoPath: video }));
    expect(result.keyMoments.map((m) => [m.start, m.end])).toEqual([
      [26, 30],
      [58, 60],
    ]);
  });

  it('falls back to the biggest-motion second when no moment survives', async () => {
    const raw = validAnalysis();
    raw.keyMoments = [{ ...raw.keyMoments[0]!, start: 30, end: 34 }];
    fake.replyGenerate({ json: raw });
    const result = await makeAnalyzer().analyze(makeAnalyzeInput({ videoPath: video }));
    expect(result.keyMoments).toHaveLength(1);
    const [m] = result.keyMoments;
    expect(m!.start).toBeLessThanOrEqual(41);
    expect(m!.end).toBeGreaterThan(41);
    expect(m!.reason.en).toContain('fallback');
  });

  it('rejects a blocked prompt without a repair attempt', async () => {
    fake.replyGenerate({ blockReason: 'PROHIBITED_CONTENT' });
    const err = (await makeAnalyzer()
      .analyze(makeAnalyzeInput({ videoPath: video }))
      .catch((e: unknown) => e)) as AiProviderError;
    expect(err.kind).toBe('rejected');
    expect(fake.requestsFor('generate')).toHaveLength(1);
  });
});
