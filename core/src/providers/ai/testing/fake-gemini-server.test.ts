import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeGeminiServer } from './fake-gemini-server';

/** The Gemini stub refuses what the real API refuses (each case cites its reference in the stub). */
let fake: FakeGeminiServer;
const key = { 'x-goog-api-key': 'stub-test-key' };
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${fake.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...key, ...headers }, body: JSON.stringify(body) });
const text = (t: string) => ({ parts: [{ text: t }] });

beforeAll(async () => {
  fake = await FakeGeminiServer.start();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

describe('fake Gemini server', () => {
  it('refuses the Files API under v1, a shut-down model, and a file over 2 GB', async () => {
    expect((await post('/upload/v1/files', { file: {} }, { 'x-goog-upload-protocol': 'resumable', 'x-goog-upload-command': 'start' })).status).toBe(404);
    expect((await post('/v1beta/models/gemini-2.5-flash:generateContent', { contents: [text('hi')] })).status).toBe(404);
    const big = await post('/upload/v1beta/files', { file: { mimeType: 'video/mp4' } }, {
      'x-goog-upload-protocol': 'resumable',
      'x-goog-upload-command': 'start',
      'x-goog-upload-header-content-length': String(3 * 1024 ** 3),
    });
    expect(big.status).toBe(400);
    expect(fake.rejected.map((r) => r.status)).toEqual([404, 404, 400]);
  });

  it('refuses sampling settings outside their documented ranges', async () => {
    const hot = await post('/v1beta/models/gemini-3.8-flash:generateContent', { contents: [text('hi')], generationConfig: { temperature: 2.5 } });
    expect(hot.status).toBe(400);
    expect(((await hot.json()) as { error: { message: string } }).error.message).toMatch(/temperature/);
    expect((await post('/v1beta/models/gemini-3.8-flash:generateContent', { contents: [text('hi')], generationConfig: { topP: 1.5 } })).status).toBe(400);
    fake.replyGenerate({ text: 'ok' });
    expect((await post('/v1beta/models/gemini-3.8-flash:generateContent', { contents: [text('hi')], generationConfig: { temperature: 1 } })).status).toBe(200);
  });

  it('refuses a batch embedding whose requests name another model, or embed no text', async () => {
    const path = '/v1beta/models/gemini-embedding-001:batchEmbedContents';
    const ok = await post(path, { requests: [{ model: 'models/gemini-embedding-001', content: text('鍋'), outputDimensionality: 8 }] });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { embeddings: Array<{ values: number[] }> }).embeddings[0]!.values).toHaveLength(8);
    expect((await post(path, { requests: [{ model: 'models/text-embedding-004', content: text('鍋') }] })).status).toBe(400);
    expect((await post(path, { requests: [{ model: 'models/gemini-embedding-001', content: text('') }] })).status).toBe(400);
    expect((await post(path, { requests: [] })).status).toBe(400);
  });
});
