import { createHash, createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { buffer as streamToBuffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalStorage } from './local-storage';
import type { SignedUrlQuery } from './local-storage';
import { StorageError } from './storage-provider';

const SECRET = 'test-secret-test-secret-test-secret!';
const SESSION = '0b5c3f3e-8a4d-4c1e-9f2a-6d7e8f9a0b1c';
const KEY = `sessions/${SESSION}/source-video/7f9e2d1c-3b4a-4a5b-8c6d-1e2f3a4b5c6d.mp4`;
const KEY2 = `sessions/${SESSION}/poster/2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.jpg`;
const NOW = new Date('2030-01-01T00:00:00Z');
const NOW_S = NOW.getTime() / 1000;

let root: string;
let storage: LocalStorage;

function bytes(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + 7) % 256;
  return b;
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ajimi-local-storage-'));
  storage = new LocalStorage({ rootDir: root, publicBaseUrl: '/api/media/', signingSecret: SECRET, now: () => NOW });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

describe('LocalStorage put/get/stat/delete', () => {
  it('stores a Buffer and reads it back with metadata and checksum', async () => {
    const body = bytes(200_000);
    const result = await storage.put(KEY, body, { contentType: 'video/mp4' });
    expect(result).toEqual({ size: body.length, checksumSha256: sha256(body) });

    expect(await streamToBuffer(storage.createReadStream(KEY))).toEqual(body);
    const info = await storage.stat(KEY);
    expect(info).toMatchObject({ size: body.length, contentType: 'video/mp4', checksumSha256: sha256(body) });
    expect(info!.updatedAt).toBeInstanceOf(Date);
    expect(await readFile(storage.pathForKey(KEY))).toEqual(body);
    expect(storage.pathForKey(KEY)).toBe(join(root, ...KEY.split('/')));
  });

  it('stores a stream, computing size and sha256 while streaming', async () => {
    const chunks = [bytes(10), bytes(70_000), Buffer.alloc(0), bytes(3)];
    const all = Buffer.concat(chunks);
    const result = await storage.put(KEY, Readable.from(chunks), { contentType: 'video/mp4' });
    expect(result).toEqual({ size: all.length, checksumSha256: sha256(all) });
    expect(await streamToBuffer(storage.createReadStream(KEY))).toEqual(all);
  });

  it('stores an empty object', async () => {
    const result = await storage.put(KEY, Buffer.alloc(0), { contentType: 'video/mp4' });
    expect(result).toEqual({ size: 0, checksumSha256: sha256(Buffer.alloc(0)) });
    expect(await streamToBuffer(storage.createReadStream(KEY))).toEqual(Buffer.alloc(0));
    expect((await storage.stat(KEY))!.size).toBe(0);
  });

  it('reads inclusive byte ranges, clamped at the end of the file', async () => {
    const body = bytes(150_000);
    await storage.put(KEY, body, { contentType: 'video/mp4' });
    const read = (start?: number, end?: number) =>
      streamToBuffer(storage.createReadStream(KEY, { ...(start !== undefined && { start }), ...(end !== undefined && { end }) }));
    expect(await read(0, 0)).toEqual(body.subarray(0, 1));
    expect(await read(10, 19)).toEqual(body.subarray(10, 20));
    expect(await read(65_530, 131_080)).toEqual(body.subarray(65_530, 131_081));
    expect(await read(149_990)).toEqual(body.subarray(149_990));
    expect(await read(undefined, 99)).toEqual(body.subarray(0, 100));
    expect(await read(140_000, 10_000_000)).toEqual(body.subarray(140_000));
    // a range that starts past the end is rejected, like GCS does (HTTP 416)
    await expect(read(150_000)).rejects.toMatchObject({ name: 'StorageError', code: 'invalid_range' });
    await expect(read(200_000, 200_100)).rejects.toMatchObject({ code: 'invalid_range' });
    expect(() => storage.createReadStream(KEY, { start: 5, end: 4 })).toThrow(
      expect.objectContaining({ code: 'invalid_range' }),
    );
    expect(() => storage.createReadStream(KEY, { start: -1 })).toThrow(expect.objectContaining({ code: 'invalid_range' }));
  });

  it.runIf(existsSync('/proc/self/fd'))('closes the file when a reader stops early (client abort)', async () => {
    await storage.put(KEY, Buffer.alloc(4_000_000, 1), { contentType: 'video/mp4' });
    const openFds = async () => (await readdir('/proc/self/fd')).length;
    const before = await openFds();
    const readers = [];
    for (let i = 0; i < 10; i++) {
      const reader = storage.createReadStream(KEY);
      await new Promise<void>((resolve) =>
        reader.once('data', () => {
          reader.pause();
          resolve();
        }),
      );
      readers.push(reader);
    }
    expect(await openFds()).toBeGreaterThanOrEqual(before + 10);
    for (const reader of readers) {
      const closed = new Promise((resolve) => reader.once('close', resolve));
      reader.destroy();
      await closed;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(await openFds()).toBeLessThanOrEqual(before);
  });

  it('overwrites an existing object', async () => {
    await storage.put(KEY, Buffer.from('first version'), { contentType: 'video/mp4' });
    await storage.put(KEY, Buffer.from('second'), { contentType: 'video/webm' });
    expect((await streamToBuffer(storage.createReadStream(KEY))).toString()).toBe('second');
    expect(await storage.stat(KEY)).toMatchObject({ size: 6, contentType: 'video/webm' });
  });

  it('stat returns null and reads fail with not_found for a missing object', async () => {
    expect(await storage.stat(KEY)).toBeNull();
    await expect(streamToBuffer(storage.createReadStream(KEY))).rejects.toMatchObject({
      name: 'StorageError',
      code: 'not_found',
    });
  });

  it('falls back to the extension when the metadata sidecar is missing or stale', async () => {
    await storage.put(KEY2, Buffer.from('jpegdata'), { contentType: 'application/x-custom' });
    await rm(storage.pathForKey(KEY2) + '.meta.json');
    expect(await storage.stat(KEY2)).toEqual({ size: 8, contentType: 'image/jpeg', updatedAt: expect.any(Date) });

    await storage.put(KEY2, Buffer.from('jpegdata'), { contentType: 'application/x-custom' });
    await writeFile(storage.pathForKey(KEY2), 'changed behind our back');
    expect((await storage.stat(KEY2))!.contentType).toBe('image/jpeg');
  });

  it('delete removes the object and its metadata and is idempotent', async () => {
    await storage.put(KEY, Buffer.from('x'), { contentType: 'video/mp4' });
    await storage.put(KEY2, Buffer.from('y'), { contentType: 'image/jpeg' });
    await storage.delete(KEY);
    expect(await storage.stat(KEY)).toBeNull();
    await storage.delete(KEY);
    await storage.delete(`sessions/${SESSION}/tts/2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.wav`);
    expect(await listTree(root)).toEqual([KEY2, `${KEY2}.meta.json`]);
  });

  it('rejects invalid keys before touching the disk', async () => {
    const evil = ['../../etc/passwd', '/etc/passwd', `sessions/${SESSION}/poster/..\\x.jpg`, 'a\u0000b'];
    for (const key of evil) {
      await expect(storage.put(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toMatchObject({
        code: 'invalid_key',
      });
      await expect(storage.stat(key)).rejects.toMatchObject({ code: 'invalid_key' });
      await expect(storage.delete(key)).rejects.toMatchObject({ code: 'invalid_key' });
      await expect(storage.signedUrl(key, { expiresInSeconds: 60 })).rejects.toMatchObject({ code: 'invalid_key' });
      expect(() => storage.createReadStream(key)).toThrow(expect.objectContaining({ code: 'invalid_key' }));
    }
    expect(await readdir(root)).toEqual([]);
  });

  it('rejects a content type that could inject headers', async () => {
    await expect(storage.put(KEY, Buffer.from('x'), { contentType: 'video/mp4\r\nX-Evil: 1' })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    await expect(storage.put(KEY, Buffer.from('x'), { contentType: 'audio/webm; codecs=opus' })).resolves.toMatchObject({
      size: 1,
    });
  });

  it('requires a long enough signing secret', () => {
    expect(() => new LocalStorage({ rootDir: root, publicBaseUrl: '/m', signingSecret: 'short' })).toThrow(StorageError);
  });
});

describe('LocalStorage atomic writes', () => {
  it('never exposes a partial object when the source stream fails midway', async () => {
    await storage.put(KEY, Buffer.from('old complete content'), { contentType: 'video/mp4' });
    const failing = new Readable({
      read() {
        this.push(bytes(1000));
        this.destroy(Object.assign(new Error('client went away'), { code: 'ECONNRESET' }));
      },
    });
    await expect(storage.put(KEY, failing, { contentType: 'video/mp4' })).rejects.toMatchObject({
      name: 'StorageError',
      code: 'write_failed',
    });
    expect((await streamToBuffer(storage.createReadStream(KEY))).toString()).toBe('old complete content');
    expect(await storage.stat(KEY)).toMatchObject({ size: 20, contentType: 'video/mp4' });
    // no temp files left behind
    expect(await listTree(root)).toEqual([KEY, `${KEY}.meta.json`]);
  });

  it('writes into a temp file in the same directory and renames it into place', async () => {
    const opened: string[] = [];
    let sawTargetDuringWrite: boolean | undefined;
    const spying = new LocalStorage({
      rootDir: root,
      publicBaseUrl: '/api/media',
      signingSecret: SECRET,
      openWriteStream: (path) => {
        opened.push(path);
        const chunks: Buffer[] = [];
        return new Writable({
          write(chunk: Buffer, _enc, cb) {
            chunks.push(chunk);
            cb();
          },
          final(cb) {
            stat(spying.pathForKey(KEY)).then(
              () => ((sawTargetDuringWrite = true), undefined),
              () => ((sawTargetDuringWrite = false), undefined),
            ).then(() => writeFile(path, Buffer.concat(chunks))).then(() => cb(), cb);
          },
        });
      },
    });
    await spying.put(KEY, Buffer.from('payload'), { contentType: 'video/mp4' });
    expect(opened).toHaveLength(1);
    expect(opened[0]).not.toBe(spying.pathForKey(KEY));
    expect(opened[0]!.startsWith(join(root, 'sessions', SESSION, 'source-video', '.'))).toBe(true);
    expect(opened[0]).toMatch(/\.tmp$/);
    expect(sawTargetDuringWrite).toBe(false);
    expect(await readFile(spying.pathForKey(KEY), 'utf8')).toBe('payload');
    expect(await listTree(root)).toEqual([KEY, `${KEY}.meta.json`]);
  });

  it('enforces maxBytes and stores nothing', async () => {
    await expect(
      storage.put(KEY, Readable.from([bytes(600), bytes(600)]), { contentType: 'video/mp4', maxBytes: 1000 }),
    ).rejects.toMatchObject({ code: 'too_large' });
    expect(await storage.stat(KEY)).toBeNull();
    expect(await listTree(root)).toEqual([]);
    await expect(storage.put(KEY, bytes(1000), { contentType: 'video/mp4', maxBytes: 1000 })).resolves.toMatchObject({
      size: 1000,
    });
  });

  it('maps ENOSPC from the file system to disk_full and cleans up', async () => {
    let writes = 0;
    const full = new LocalStorage({
      rootDir: root,
      publicBaseUrl: '/api/media',
      signingSecret: SECRET,
      openWriteStream: () =>
        new Writable({
          write(_chunk, _enc, cb) {
            writes++;
            if (writes < 2) return cb();
            cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28 }));
          },
        }),
    });
    const err = await full
      .put(KEY, Readable.from([bytes(10), bytes(10), bytes(10)]), { contentType: 'video/mp4' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ code: 'disk_full', key: KEY });
    expect((err as StorageError).cause).toMatchObject({ code: 'ENOSPC' });
    expect((err as StorageError).retryable).toBe(false);
    expect(await full.stat(KEY)).toBeNull();
    expect(await listTree(root)).toEqual([]);
  });

  it('maps EDQUOT to disk_full too', async () => {
    const full = new LocalStorage({
      rootDir: root,
      publicBaseUrl: '/api/media',
      signingSecret: SECRET,
      openWriteStream: () =>
        new Writable({
          write(_chunk, _enc, cb) {
            cb(Object.assign(new Error('quota'), { code: 'EDQUOT' }));
          },
        }),
    });
    await expect(full.put(KEY, bytes(10), { contentType: 'video/mp4' })).rejects.toMatchObject({ code: 'disk_full' });
  });
});

describe('LocalStorage signed URLs', () => {
  function parse(url: string): { path: string; query: SignedUrlQuery } {
    const u = new URL(url, 'http://localhost');
    return { path: u.pathname, query: Object.fromEntries(u.searchParams) };
  }

  it('builds base/key?exp&sig with an HMAC-SHA256 over key and expiry', async () => {
    const url = await storage.signedUrl(KEY, { expiresInSeconds: 600 });
    const { path, query } = parse(url);
    expect(path).toBe(`/api/media/${KEY}`);
    expect(query.exp).toBe(String(NOW_S + 600));
    const expected = createHmac('sha256', SECRET).update(`${KEY}\n${NOW_S + 600}`).digest('base64url');
    expect(query.sig).toBe(expected);
    expect(storage.verifySignedRequest(KEY, query, NOW)).toEqual({ ok: true, expiresAt: NOW_S + 600 });
  });

  it('signs the disposition and file name', async () => {
    const url = await storage.signedUrl(KEY, { expiresInSeconds: 60, disposition: 'attachment', filename: '炒飯 #3.mp4' });
    const { query } = parse(url);
    expect(query).toMatchObject({ disp: 'attachment', fn: '炒飯 #3.mp4' });
    const expected = createHmac('sha256', SECRET)
      .update(`${KEY}\n${NOW_S + 60}\nattachment\n炒飯 #3.mp4`)
      .digest('base64url');
    expect(query.sig).toBe(expected);
    expect(storage.verifySignedRequest(KEY, query, NOW)).toEqual({
      ok: true,
      expiresAt: NOW_S + 60,
      disposition: 'attachment',
      filename: '炒飯 #3.mp4',
    });
    const inlineOnly = parse(await storage.signedUrl(KEY, { expiresInSeconds: 60, filename: 'a.mp4' })).query;
    expect(inlineOnly.disp).toBe('inline');
  });

  it('supports an absolute public base URL', async () => {
    const abs = new LocalStorage({ rootDir: root, publicBaseUrl: 'https://ajimi.example/api/media', signingSecret: SECRET });
    expect(await abs.signedUrl(KEY, { expiresInSeconds: 5 })).toMatch(
      new RegExp(`^https://ajimi\\.example/api/media/${KEY.replace(/\./g, '\\.')}\\?exp=\\d+&sig=[\\w-]{43}$`),
    );
  });

  it('rejects tampering with the key, expiry, signature or disposition', async () => {
    const { query } = parse(await storage.signedUrl(KEY, { expiresInSeconds: 60, disposition: 'inline' }));
    const bad = { ok: false, reason: 'bad_signature' };
    expect(storage.verifySignedRequest(KEY2, query, NOW)).toEqual(bad);
    expect(storage.verifySignedRequest(KEY, { ...query, exp: String(Number(query.exp) + 3600) }, NOW)).toEqual(bad);
    expect(storage.verifySignedRequest(KEY, { ...query, exp: `0${String(query.exp)}` }, NOW)).toEqual(bad);
    expect(storage.verifySignedRequest(KEY, { ...query, disp: 'attachment' }, NOW)).toEqual(bad);
    expect(storage.verifySignedRequest(KEY, { ...query, disp: undefined }, NOW)).toEqual(bad);
    expect(storage.verifySignedRequest(KEY, { ...query, fn: 'evil.html' }, NOW)).toEqual(bad);
    const sig = String(query.sig);
    // every single-character change of the signature is rejected, including the last
    // character whose low bits base64 decoding would ignore
    for (const i of [0, 20, sig.length - 1]) {
      for (const c of ['A', 'B', 'Q', 'g', 'w', '-', '_']) {
        if (sig[i] === c) continue;
        const changed = sig.slice(0, i) + c + sig.slice(i + 1);
        expect(storage.verifySignedRequest(KEY, { ...query, sig: changed }, NOW)).toEqual(bad);
      }
    }
    expect(storage.verifySignedRequest(KEY, { ...query, sig: sig + '=' }, NOW)).toEqual(bad);
    expect(storage.verifySignedRequest(KEY, { ...query, sig: undefined }, NOW)).toEqual(bad);
    expect(storage.verifySignedRequest(KEY, { ...query, sig: [sig, sig] }, NOW)).toEqual(bad);
    expect(storage.verifySignedRequest(KEY, { ...query, exp: undefined }, NOW)).toEqual(bad);
    expect(storage.verifySignedRequest(KEY, { ...query, exp: '1e10' }, NOW)).toEqual(bad);
    // another secret does not verify
    const other = new LocalStorage({ rootDir: root, publicBaseUrl: '/api/media', signingSecret: SECRET + 'x' });
    expect(other.verifySignedRequest(KEY, query, NOW)).toEqual(bad);
    // untouched still verifies
    expect(storage.verifySignedRequest(KEY, query, NOW).ok).toBe(true);
  });

  it('expires exactly at exp', async () => {
    const { query } = parse(await storage.signedUrl(KEY, { expiresInSeconds: 60 }));
    const at = (s: number) => new Date((NOW_S + s) * 1000);
    expect(storage.verifySignedRequest(KEY, query, at(59)).ok).toBe(true);
    expect(storage.verifySignedRequest(KEY, query, at(60))).toEqual({ ok: false, reason: 'expired' });
    expect(storage.verifySignedRequest(KEY, query, at(86_400))).toEqual({ ok: false, reason: 'expired' });
  });

  it('limits the lifetime to 1 s … 7 days', async () => {
    for (const expiresInSeconds of [0, -5, 1.5, 7 * 86_400 + 1, Number.NaN]) {
      await expect(storage.signedUrl(KEY, { expiresInSeconds })).rejects.toMatchObject({ code: 'invalid_argument' });
    }
    await expect(storage.signedUrl(KEY, { expiresInSeconds: 7 * 86_400 })).resolves.toContain('exp=');
  });
});
