import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import type { Response as SuperResponse } from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalStorage } from '@ajimi/core/providers/storage/local-storage';
import { StorageError } from '@ajimi/core/providers/storage/storage-provider';
import { createMediaFilesRouter, parseRangeHeader } from './media-files';

const SECRET = 'media-router-test-secret-0123456789';
const SESSION = '0b5c3f3e-8a4d-4c1e-9f2a-6d7e8f9a0b1c';
const VIDEO = `sessions/${SESSION}/source-video/7f9e2d1c-3b4a-4a5b-8c6d-1e2f3a4b5c6d.mp4`;
const POSTER = `sessions/${SESSION}/poster/2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.jpg`;
const MISSING = `sessions/${SESSION}/render/3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9.mp4`;
const HTML = `sessions/${SESSION}/upload/4d3c2b1a-0f9e-4d8c-b7a6-f5e4d3c2b1a0.html`;
const EMPTY = `sessions/${SESSION}/voice-memo/5e4d3c2b-1a0f-4e9d-8c7b-a6f5e4d3c2b1.m4a`;
const NOW = new Date('2030-06-01T12:00:00Z');
const SIZE = 1000;
const VIDEO_BYTES = Buffer.from(Array.from({ length: SIZE }, (_, i) => (i * 7 + 3) % 256));

let root: string;
let storage: LocalStorage;
let clock: Date = NOW;
let app: express.Express;

/** Supertest does not buffer binary bodies by default: collect them as a Buffer. */
function binary(res: SuperResponse, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

function get(url: string, headers: Record<string, string> = {}) {
  return request(app).get(url).set(headers).buffer(true).parse(binary);
}

/** publicBaseUrl is a path, so signed URLs are already app-relative. */
async function signed(key: string, opts: Parameters<LocalStorage['signedUrl']>[1] = { expiresInSeconds: 600 }) {
  return storage.signedUrl(key, opts);
}

function expectJsonError(res: SuperResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text) as {
    error: { code: string; message: string };
  };
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  const raw = JSON.stringify(body);
  expect(raw).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
  expect(raw).not.toContain(root);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ajimi-media-router-'));
  storage = new LocalStorage({ rootDir: root, publicBaseUrl: '/api/media', signingSecret: SECRET, now: () => clock });
  await storage.put(VIDEO, VIDEO_BYTES, { contentType: 'video/mp4' });
  await storage.put(POSTER, Buffer.from('jpeg bytes'), { contentType: 'image/jpeg' });
  await storage.put(HTML, Buffer.from('<script>alert(1)</script>'), { contentType: 'text/html' });
  await storage.put(EMPTY, Buffer.alloc(0), { contentType: 'audio/mp4' });
  app = express();
  app.use('/api/media', createMediaFilesRouter({ storage, now: () => clock }));
});

afterEach(() => {
  clock = NOW;
  vi.restoreAllMocks();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('GET /api/media/<key> — full responses', () => {
  it('serves the file with type, length, validators and private caching', async () => {
    const res = await get(await signed(VIDEO));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(VIDEO_BYTES);
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(res.headers['content-length']).toBe(String(SIZE));
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['cache-control']).toBe('private, max-age=600');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['etag']).toMatch(/^"[0-9a-f]{64}"$/);
    expect(res.headers['last-modified']).toMatch(/GMT$/);
    expect(res.headers['content-disposition']).toBeUndefined();
  });

  it('streams from storage rather than buffering, asking only for the requested range', async () => {
    const spy = vi.spyOn(storage, 'createReadStream');
    await get(await signed(VIDEO));
    await get(await signed(VIDEO), { Range: 'bytes=100-199' });
    expect(spy.mock.calls).toEqual([
      [VIDEO, undefined],
      [VIDEO, { start: 100, end: 199 }],
    ]);
  });

  it('uses the stored content type, or the extension when none was recorded', async () => {
    const res = await get(await signed(POSTER));
    expect(res.headers['content-type']).toBe('image/jpeg');
    vi.spyOn(storage, 'stat').mockResolvedValueOnce({ size: 10, contentType: 'image/jpeg', updatedAt: NOW });
    const fallback = await get(await signed(POSTER));
    expect(fallback.status).toBe(200);
    expect(fallback.headers['etag']).toMatch(/^W\//);
  });

  it('adds the signed Content-Disposition with a safe file name', async () => {
    const res = await get(
      await signed(VIDEO, { expiresInSeconds: 60, disposition: 'attachment', filename: '炒飯 "3".mp4' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="__ 3.mp4"; filename*=UTF-8''${encodeURIComponent('炒飯 3.mp4')}`,
    );
    const inline = await get(await signed(VIDEO, { expiresInSeconds: 60, disposition: 'inline' }));
    expect(inline.headers['content-disposition']).toBe('inline');
  });

  it('forces a download for content a browser could execute', async () => {
    const res = await get(await signed(HTML, { expiresInSeconds: 60, disposition: 'inline' }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-disposition']).toBe('attachment');
  });

  it('serves an empty file', async () => {
    const res = await get(await signed(EMPTY));
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('0');
    expect(res.body).toEqual(Buffer.alloc(0));
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const url = await signed(VIDEO);
    const first = await get(url);
    const second = await get(url, { 'If-None-Match': String(first.headers['etag']) });
    expect(second.status).toBe(304);
    expect(second.body).toEqual(Buffer.alloc(0));
  });
});

describe('GET /api/media/<key> — HTTP Range', () => {
  it.each([
    ['first bytes', 'bytes=0-99', 0, 99],
    ['a middle slice', 'bytes=500-509', 500, 509],
    ['suffix', 'bytes=-100', 900, 999],
    ['suffix longer than the file', 'bytes=-5000', 0, 999],
    ['open range', 'bytes=100-', 100, 999],
    ['last byte', 'bytes=999-999', 999, 999],
    ['end past the file', 'bytes=990-5000', 990, 999],
  ])('%s (%s) → 206', async (_label, range, start, end) => {
    const res = await get(await signed(VIDEO), { Range: range });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${SIZE}`);
    expect(res.headers['content-length']).toBe(String(end - start + 1));
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.body).toEqual(VIDEO_BYTES.subarray(start, end + 1));
  });

  it.each([['bytes=1000-'], ['bytes=5000-6000'], ['bytes=-0']])('unsatisfiable %s → 416', async (range) => {
    const res = await get(await signed(VIDEO), { Range: range });
    expectJsonError(res, 416, 'range_not_satisfiable');
    expect(res.headers['content-range']).toBe(`bytes */${SIZE}`);
  });

  it('any range of an empty file is unsatisfiable', async () => {
    const res = await get(await signed(EMPTY), { Range: 'bytes=0-' });
    expectJsonError(res, 416, 'range_not_satisfiable');
    expect(res.headers['content-range']).toBe('bytes */0');
  });

  it.each([['bytes=0-1,5-6'], ['items=0-10'], ['bytes=abc'], ['bytes=-'], ['bytes=20-10']])(
    'ignores %s and sends the whole file',
    async (range) => {
      const res = await get(await signed(VIDEO), { Range: range });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(VIDEO_BYTES);
    },
  );

  it('honours If-Range only while the validator matches', async () => {
    const url = await signed(VIDEO);
    const etag = String((await get(url)).headers['etag']);
    const fresh = await get(url, { Range: 'bytes=0-9', 'If-Range': etag });
    expect(fresh.status).toBe(206);
    const stale = await get(url, { Range: 'bytes=0-9', 'If-Range': '"0000"' });
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual(VIDEO_BYTES);
  });

  it('HEAD returns the headers of GET without a body', async () => {
    const url = await signed(VIDEO);
    const head = await request(app).head(url);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(SIZE));
    expect(head.headers['accept-ranges']).toBe('bytes');
    expect(head.headers['content-type']).toBe('video/mp4');
    expect(head.text ?? '').toBe('');

    const spy = vi.spyOn(storage, 'createReadStream');
    const ranged = await request(app).head(url).set('Range', 'bytes=-100');
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-range']).toBe(`bytes 900-999/${SIZE}`);
    expect(ranged.headers['content-length']).toBe('100');
    expect(spy).not.toHaveBeenCalled();
  });

  it('parseRangeHeader follows RFC 9110', () => {
    expect(parseRangeHeader('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
    expect(parseRangeHeader('BYTES = 2 - 3', 10)).toEqual({ start: 2, end: 3 });
    expect(parseRangeHeader('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRangeHeader('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRangeHeader('bytes=99999999999999999999-', 10)).toBe('unsatisfiable');
    expect(parseRangeHeader('bytes=5-4', 10)).toBeNull();
    expect(parseRangeHeader('bytes=0-1,3-4', 10)).toBeNull();
  });
});

describe('GET /api/media/<key> — access control and errors', () => {
  it('rejects a tampered signature, key, expiry or disposition with 403 bad_signature', async () => {
    const url = new URL(await signed(VIDEO, { expiresInSeconds: 600, disposition: 'inline' }), 'http://x');
    const q = (mutate: (p: URLSearchParams) => void, path = url.pathname) => {
      const params = new URLSearchParams(url.searchParams);
      mutate(params);
      return `${path}?${params.toString()}`;
    };
    const sig = url.searchParams.get('sig')!;
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
    const attempts = [
      q((p) => p.set('sig', flipped)),
      q((p) => p.set('exp', String(Number(p.get('exp')) + 86_400))),
      q((p) => p.set('disp', 'attachment')),
      q((p) => p.delete('disp')),
      q((p) => p.set('fn', 'x.html')),
      q((p) => p.delete('sig')),
      q(() => {}, `/api/media/${POSTER}`),
      `/api/media/${VIDEO}`,
    ];
    for (const attempt of attempts) {
      const res = await get(attempt);
      expectJsonError(res, 403, 'bad_signature');
    }
    expect((await get(q(() => {}))).status).toBe(200);
  });

  it('rejects an expired link with 403 expired', async () => {
    const url = await signed(VIDEO, { expiresInSeconds: 60 });
    clock = new Date(NOW.getTime() + 59_000);
    expect((await get(url)).status).toBe(200);
    clock = new Date(NOW.getTime() + 60_000);
    expectJsonError(await get(url), 403, 'expired');
  });

  it('checks the signature before revealing whether a file exists', async () => {
    expectJsonError(await get(`/api/media/${MISSING}?exp=1&sig=x`), 403, 'bad_signature');
    expectJsonError(await get(await signed(MISSING)), 404, 'not_found');
    const head = await request(app).head(await signed(MISSING));
    expect(head.status).toBe(404);
  });

  it.each([
    ['encoded traversal', `/api/media/sessions/${SESSION}/%2e%2e/%2e%2e/etc/passwd`],
    ['encoded slash traversal', `/api/media/sessions%2F..%2F..%2Fetc%2Fpasswd`],
    ['backslash', `/api/media/sessions%5C${SESSION}%5Cposter%5Cx.jpg`],
    ['NUL byte', `/api/media/${POSTER}%00.png`],
    ['newline', `/api/media/${POSTER}%0A`],
    ['unknown kind', `/api/media/sessions/${SESSION}/secrets/2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.jpg`],
    ['no key', '/api/media/'],
  ])('rejects an invalid key (%s) with 400', async (_label, path) => {
    const spy = vi.spyOn(storage, 'stat');
    expectJsonError(await get(path), 400, 'invalid_key');
    expect(spy).not.toHaveBeenCalled();
  });

  it('answers malformed percent-encoding with JSON, not an HTML stack trace', async () => {
    expectJsonError(await get('/api/media/sessions/%E0%A4%A'), 400, 'bad_request');
  });

  it('never leaks internals when storage fails', async () => {
    vi.spyOn(storage, 'stat').mockRejectedValueOnce(new Error(`EIO: i/o error, open '${root}/secret'`));
    expectJsonError(await get(await signed(VIDEO)), 500, 'internal');
    vi.spyOn(storage, 'stat').mockRejectedValueOnce(new StorageError('unavailable', 'down'));
    expectJsonError(await get(await signed(VIDEO)), 503, 'unavailable');
  });

  it('turns a file that vanished after stat into a clean 404', async () => {
    vi.spyOn(storage, 'stat').mockResolvedValueOnce({ size: 10, contentType: 'video/mp4', updatedAt: NOW });
    const res = await get(await signed(MISSING));
    expectJsonError(res, 404, 'not_found');
    expect(res.headers['content-range']).toBeUndefined();
    // (express may add its own weak ETag for the JSON body, but not the file's validator)
    expect(res.headers['etag']).not.toBe(`W/"a-${NOW.getTime().toString(16)}"`);
    expect(res.headers['last-modified']).toBeUndefined();
  });

  it('answers other methods with 405', async () => {
    const res = await request(app).post(await signed(VIDEO));
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET, HEAD');
    expect(res.body.error.code).toBe('method_not_allowed');
  });
});
