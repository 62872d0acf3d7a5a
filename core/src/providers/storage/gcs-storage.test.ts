import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer as streamToBuffer } from 'node:stream/consumers';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { installNetworkGuard, type NetworkGuard } from '../../testing/network-guard';
import { GcsStorage } from './gcs-storage';
import type { GcsStorageOptions } from './gcs-storage';
import { StorageError } from './storage-provider';
import { FakeGcsServer, checkSignedUrl } from './testing/fake-gcs-server';

const BUCKET = 'ajimi-test-media';
const EMAIL = 'ajimi-storage@ajimi-test.iam.gserviceaccount.com';
const SESSION = '0b5c3f3e-8a4d-4c1e-9f2a-6d7e8f9a0b1c';
const KEY = `sessions/${SESSION}/source-video/7f9e2d1c-3b4a-4a5b-8c6d-1e2f3a4b5c6d.mp4`;
const KEY2 = `sessions/${SESSION}/poster/2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d.jpg`;
// Far in the future: the SDK refuses to sign URLs whose expiry is before the real clock.
const NOW = new Date('2099-03-04T05:06:07Z');

const keys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

let fake: FakeGcsServer;
let guard: NetworkGuard;

function bytes(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 131 + 17) % 256;
  return b;
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function makeStorage(overrides: Partial<GcsStorageOptions> = {}): GcsStorage {
  return new GcsStorage({
    bucket: BUCKET,
    projectId: 'ajimi-test',
    credentials: { client_email: EMAIL, private_key: keys.privateKey },
    apiEndpoint: fake.endpoint,
    retry: { maxRetries: 2, maxRetryDelaySeconds: 0.005 },
    now: () => NOW,
    ...overrides,
  });
}

beforeAll(async () => {
  // Record every outgoing TCP connection: the SDK must only ever talk to the loopback stub
  // (no oauth2.googleapis.com token fetch, no metadata server, no storage.googleapis.com).
  guard = installNetworkGuard();
  // google-auth-library warns that `credentials` is deprecated; its replacement (a JWT client)
  // cannot report client_email to the URL signer without the metadata server. Keep logs quiet.
  const warn = console.warn.bind(console);
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (String(args[0]).includes('`credentials` option is deprecated')) return;
    warn(...args);
  });
  fake = await FakeGcsServer.start();
});

afterEach(() => {
  fake.reset();
});

afterAll(async () => {
  guard.restore();
  vi.restoreAllMocks();
  await fake.close();
  expect(guard.hosts.length).toBeGreaterThan(0);
  expect(guard.offLoopback()).toEqual([]);
});

describe('GcsStorage against a loopback JSON API stub', () => {
  it('uploads a Buffer with one multipart request carrying content type and sha256 metadata', async () => {
    const storage = makeStorage();
    const body = bytes(100_000);
    const result = await storage.put(KEY, body, { contentType: 'video/mp4' });
    expect(result).toEqual({ size: body.length, checksumSha256: sha256(body) });

    const uploads = fake.requestsFor('upload');
    expect(uploads).toHaveLength(1);
    const url = new URL(uploads[0]!.url, 'http://x');
    expect(url.pathname).toBe(`/upload/storage/v1/b/${BUCKET}/o`);
    expect(url.searchParams.get('uploadType')).toBe('multipart');
    expect(url.searchParams.get('name')).toBe(KEY);
    expect(uploads[0]!.headers.authorization).toBeUndefined();

    const stored = fake.objects.get(`${BUCKET}/${KEY}`)!;
    expect(stored.data).toEqual(body);
    expect(stored.contentType).toBe('video/mp4');
    expect(stored.metadata).toEqual({ sha256: sha256(body) });
  });

  it('uploads a stream, hashing it on the way', async () => {
    const storage = makeStorage();
    const chunks = [bytes(1), bytes(65_536), bytes(777)];
    const all = Buffer.concat(chunks);
    const result = await storage.put(KEY, Readable.from(chunks), { contentType: 'video/mp4' });
    expect(result).toEqual({ size: all.length, checksumSha256: sha256(all) });
    expect(fake.objects.get(`${BUCKET}/${KEY}`)!.data).toEqual(all);
    expect(fake.requestsFor('upload')).toHaveLength(1);
  });

  it('stat returns size, content type, update time and the recorded checksum; null when missing', async () => {
    const storage = makeStorage();
    const body = bytes(1234);
    await storage.put(KEY2, body, { contentType: 'image/jpeg' });
    const info = await storage.stat(KEY2);
    expect(info).toEqual({
      size: 1234,
      contentType: 'image/jpeg',
      updatedAt: new Date(fake.objects.get(`${BUCKET}/${KEY2}`)!.updated),
      checksumSha256: sha256(body),
    });
    expect(await storage.stat(KEY)).toBeNull();
    const metadataRequest = fake.requestsFor('metadata')[0]!;
    expect(new URL(metadataRequest.url, 'http://x').pathname).toBe(
      `/storage/v1/b/${BUCKET}/o/${encodeURIComponent(KEY2)}`,
    );
  });

  it('downloads whole objects (crc32c validated) and inclusive byte ranges', async () => {
    const storage = makeStorage();
    const body = bytes(50_000);
    fake.seed(BUCKET, KEY, body, 'video/mp4');

    expect(await streamToBuffer(storage.createReadStream(KEY))).toEqual(body);
    expect(await streamToBuffer(storage.createReadStream(KEY, { start: 10, end: 19 }))).toEqual(body.subarray(10, 20));
    expect(await streamToBuffer(storage.createReadStream(KEY, { start: 49_000 }))).toEqual(body.subarray(49_000));
    expect(await streamToBuffer(storage.createReadStream(KEY, { start: 0, end: 10_000_000 }))).toEqual(body);

    const ranges = fake.requestsFor('media').map((r) => r.headers.range);
    expect(ranges).toEqual([undefined, 'bytes=10-19', 'bytes=49000-', 'bytes=0-10000000']);
  });

  it('reports missing objects, bad ranges and corrupted downloads as typed errors', async () => {
    const storage = makeStorage();
    await expect(streamToBuffer(storage.createReadStream(KEY))).rejects.toMatchObject({
      name: 'StorageError',
      code: 'not_found',
      key: KEY,
    });
    fake.seed(BUCKET, KEY, bytes(100), 'video/mp4');
    await expect(streamToBuffer(storage.createReadStream(KEY, { start: 100 }))).rejects.toMatchObject({
      code: 'invalid_range',
    });
    fake.fail('media', { corrupt: true });
    await expect(streamToBuffer(storage.createReadStream(KEY))).rejects.toMatchObject({ code: 'checksum_mismatch' });
  });

  it('delete removes the object and is idempotent', async () => {
    const storage = makeStorage();
    fake.seed(BUCKET, KEY, bytes(10));
    await storage.delete(KEY);
    expect(fake.objects.has(`${BUCKET}/${KEY}`)).toBe(false);
    await storage.delete(KEY);
    expect(fake.requestsFor('delete').map((r) => r.status)).toEqual([204, 404]);
  });

  it('rejects invalid keys without any request', async () => {
    const storage = makeStorage();
    const evil = `sessions/${SESSION}/../../x.mp4`;
    await expect(storage.put(evil, Buffer.from('x'), { contentType: 'video/mp4' })).rejects.toMatchObject({
      code: 'invalid_key',
    });
    await expect(storage.stat(evil)).rejects.toMatchObject({ code: 'invalid_key' });
    await expect(storage.delete('/etc/passwd')).rejects.toMatchObject({ code: 'invalid_key' });
    await expect(storage.signedUrl('a\\b', { expiresInSeconds: 60 })).rejects.toMatchObject({ code: 'invalid_key' });
    expect(() => storage.createReadStream(`${KEY}\u0000`)).toThrow(expect.objectContaining({ code: 'invalid_key' }));
    expect(fake.requests).toEqual([]);
  });

  it('enforces maxBytes on stream and Buffer uploads', async () => {
    const storage = makeStorage();
    await expect(
      storage.put(KEY, Readable.from([bytes(600), bytes(600)]), { contentType: 'video/mp4', maxBytes: 1000 }),
    ).rejects.toMatchObject({ code: 'too_large' });
    await expect(storage.put(KEY, bytes(1001), { contentType: 'video/mp4', maxBytes: 1000 })).rejects.toMatchObject({
      code: 'too_large',
    });
    expect(fake.objects.size).toBe(0);
  });
});

describe('GcsStorage fault handling', () => {
  it('retries metadata reads after a 500 and succeeds', async () => {
    const storage = makeStorage();
    fake.seed(BUCKET, KEY, bytes(42), 'video/mp4');
    fake.fail('metadata', { status: 500 });
    expect(await storage.stat(KEY)).toMatchObject({ size: 42 });
    expect(fake.requestsFor('metadata').map((r) => r.status)).toEqual([500, 200]);
  });

  it('retries a Buffer upload after a 503 and stores the object once', async () => {
    const storage = makeStorage();
    const body = bytes(5000);
    fake.fail('upload', { status: 503 });
    expect(await storage.put(KEY, body, { contentType: 'video/mp4' })).toEqual({
      size: 5000,
      checksumSha256: sha256(body),
    });
    const uploads = fake.requestsFor('upload');
    expect(uploads.map((r) => r.status)).toEqual([503, 200]);
    expect(uploads[1]!.bodyLength).toBe(uploads[0]!.bodyLength);
    expect(fake.objects.get(`${BUCKET}/${KEY}`)!.data).toEqual(body);
  });

  it('does not retry a stream upload (the body cannot be replayed) and reports unavailable', async () => {
    const storage = makeStorage();
    fake.fail('upload', { status: 500 });
    const err = await storage
      .put(KEY, Readable.from([bytes(100)]), { contentType: 'video/mp4' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ code: 'unavailable', retryable: true });
    expect(fake.requestsFor('upload')).toHaveLength(1);
    expect(fake.objects.size).toBe(0);
  });

  it('maps 404 to not_found (stat → null) and never retries it', async () => {
    const storage = makeStorage();
    fake.fail('metadata', { status: 404 });
    fake.seed(BUCKET, KEY, bytes(1));
    expect(await storage.stat(KEY)).toBeNull();
    expect(fake.requestsFor('metadata')).toHaveLength(1);
  });

  it('retries 429 on downloads, and reports rate_limited when it persists', async () => {
    const storage = makeStorage();
    const body = bytes(300);
    fake.seed(BUCKET, KEY, body, 'video/mp4');
    fake.fail('media', { status: 429 });
    expect(await streamToBuffer(storage.createReadStream(KEY, { start: 0, end: 99 }))).toEqual(body.subarray(0, 100));
    expect(fake.requestsFor('media').map((r) => r.status)).toEqual([429, 206]);

    fake.fail('metadata', { status: 429 }, { status: 429 }, { status: 429 });
    const err = await storage.stat(KEY).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'StorageError', code: 'rate_limited', retryable: true });
    expect(fake.requestsFor('metadata')).toHaveLength(3); // 1 + maxRetries
  });

  it('gives up on a Buffer upload after maxRetries 429s', async () => {
    const storage = makeStorage();
    fake.fail('upload', { status: 429 }, { status: 429 }, { status: 429 });
    await expect(storage.put(KEY, bytes(10), { contentType: 'video/mp4' })).rejects.toMatchObject({
      code: 'rate_limited',
    });
    expect(fake.requestsFor('upload')).toHaveLength(3);
  });

  it('maps 403 to permission_denied without retrying', async () => {
    const storage = makeStorage();
    fake.fail('delete', { status: 403 });
    await expect(storage.delete(KEY)).rejects.toMatchObject({ code: 'permission_denied', retryable: false });
    expect(fake.requestsFor('delete')).toHaveLength(1);
  });

  it('retries a delete after a 503', async () => {
    const storage = makeStorage();
    fake.seed(BUCKET, KEY, bytes(1));
    fake.fail('delete', { status: 503 });
    await storage.delete(KEY);
    expect(fake.requestsFor('delete').map((r) => r.status)).toEqual([503, 204]);
    expect(fake.objects.size).toBe(0);
  });

  it('fails a hung request with unavailable at the deadline, and keeps working afterwards', async () => {
    const storage = makeStorage({ timeoutMs: 150 });
    fake.seed(BUCKET, KEY, bytes(7), 'video/mp4');
    fake.fail('metadata', { hang: true });
    const started = Date.now();
    const err = await storage.stat(KEY).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'StorageError', code: 'unavailable', retryable: true });
    expect((err as Error).message).toMatch(/timed out after 150 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await storage.stat(KEY)).toMatchObject({ size: 7 });
    expect(fake.requestsFor('metadata').map((r) => r.status)).toEqual([undefined, 200]);
  });
});

describe('GcsStorage V4 signed URLs', () => {
  /** Rebuilds the V4 canonical request and string-to-sign from the URL and verifies the RSA signature. */
  function verifyV4(signedUrl: string, publicKey: string): boolean {
    const url = new URL(signedUrl);
    const signature = url.searchParams.get('X-Goog-Signature')!;
    const rfc3986 = (s: string) =>
      encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const canonicalQuery = [...url.searchParams]
      .filter(([k]) => k !== 'X-Goog-Signature')
      .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const signedHeaders = url.searchParams.get('X-Goog-SignedHeaders')!;
    expect(signedHeaders).toBe('host');
    const canonicalRequest = [
      'GET',
      url.pathname,
      canonicalQuery,
      `host:${url.hostname}\n`,
      signedHeaders,
      'UNSIGNED-PAYLOAD',
    ].join('\n');
    const date = url.searchParams.get('X-Goog-Date')!;
    const scope = url.searchParams.get('X-Goog-Credential')!.split('/').slice(1).join('/');
    const stringToSign = [
      'GOOG4-RSA-SHA256',
      date,
      scope,
      createHash('sha256').update(canonicalRequest).digest('hex'),
    ].join('\n');
    return verify('RSA-SHA256', Buffer.from(stringToSign), publicKey, Buffer.from(signature, 'hex'));
  }

  it('signs locally with GOOG4-RSA-SHA256 for the production endpoint (no network)', async () => {
    const storage = makeStorage({ apiEndpoint: undefined });
    const before = guard.hosts.length;
    const signed = await storage.signedUrl(KEY, { expiresInSeconds: 900 });
    expect(guard.hosts.length).toBe(before);
    const url = new URL(signed);
    expect(url.origin).toBe('https://storage.googleapis.com');
    expect(url.pathname).toBe(`/${BUCKET}/${KEY}`);
    expect(url.searchParams.get('X-Goog-Algorithm')).toBe('GOOG4-RSA-SHA256');
    expect(url.searchParams.get('X-Goog-Credential')).toBe(`${EMAIL}/20990304/auto/storage/goog4_request`);
    expect(url.searchParams.get('X-Goog-Date')).toBe('20990304T050607Z');
    expect(url.searchParams.get('X-Goog-Expires')).toBe('900');
    expect(url.searchParams.get('X-Goog-Signature')).toMatch(/^[0-9a-f]{512}$/);
    expect(verifyV4(signed, keys.publicKey)).toBe(true);
  });

  it('signs the response disposition, and the signature breaks when anything changes', async () => {
    const storage = makeStorage();
    const signed = await storage.signedUrl(KEY, {
      expiresInSeconds: 60,
      disposition: 'attachment',
      filename: '炒飯 3回目.mp4',
    });
    const url = new URL(signed);
    expect(url.origin).toBe(fake.endpoint);
    expect(url.searchParams.get('X-Goog-Expires')).toBe('60');
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="__ 3__.mp4"; filename*=UTF-8''${encodeURIComponent('炒飯 3回目.mp4')}`,
    );
    expect(verifyV4(signed, keys.publicKey)).toBe(true);

    const tampered = new URL(signed);
    tampered.searchParams.set('response-content-disposition', 'inline');
    expect(verifyV4(tampered.href, keys.publicKey)).toBe(false);
    const longer = new URL(signed);
    longer.searchParams.set('X-Goog-Expires', '604800');
    expect(verifyV4(longer.href, keys.publicKey)).toBe(false);
    const otherObject = new URL(signed);
    otherObject.pathname = `/${BUCKET}/${KEY2}`;
    expect(verifyV4(otherObject.href, keys.publicKey)).toBe(false);

    const otherKeys = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    expect(verifyV4(signed, otherKeys.publicKey)).toBe(false);
    const resigned = await makeStorage({
      credentials: { client_email: EMAIL, private_key: otherKeys.privateKey },
    }).signedUrl(KEY, { expiresInSeconds: 60, disposition: 'attachment', filename: '炒飯 3回目.mp4' });
    expect(new URL(resigned).searchParams.get('X-Goog-Signature')).not.toBe(url.searchParams.get('X-Goog-Signature'));
    expect(verifyV4(resigned, otherKeys.publicKey)).toBe(true);
  });

  it('accepts a private key with escaped newlines (as found in env files)', async () => {
    const escaped = keys.privateKey.replace(/\n/g, '\\n');
    const storage = makeStorage({ credentials: { client_email: EMAIL, private_key: escaped } });
    expect(verifyV4(await storage.signedUrl(KEY, { expiresInSeconds: 10 }), keys.publicKey)).toBe(true);
  });

  it('a signed URL downloads from the stub (V4 verified there, Range honoured); a tampered, expired or foreign one is refused', async () => {
    fake.trustSigner(EMAIL, keys.publicKey);
    fake.seed(BUCKET, KEY, bytes(1000), 'video/mp4');
    const storage = makeStorage({ now: () => new Date() });
    const signed = await storage.signedUrl(KEY, { expiresInSeconds: 60, disposition: 'inline', filename: 'v.mp4' });
    const whole = await fetch(signed);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('content-disposition')).toMatch(/^inline; filename="v.mp4"/);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes(1000))).toBe(true);
    const part = await fetch(signed, { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes(1000).subarray(10, 20))).toBe(true);

    const tampered = new URL(signed);
    tampered.searchParams.set('response-content-disposition', 'attachment');
    const refused = await fetch(tampered);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    // Two minutes later the same URL has expired (the SDK will not sign a URL already expired).
    const late = new URL(signed);
    expect(checkSignedUrl(late, late.pathname, late.host, new Map([[EMAIL, keys.publicKey]]), Date.now() + 120_000)).toMatchObject({ status: 400, code: 'ExpiredToken' });
    const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const foreign = await makeStorage({ now: () => new Date(), credentials: { client_email: EMAIL, private_key: otherKeys.privateKey } }).signedUrl(KEY, { expiresInSeconds: 60 });
    expect((await fetch(foreign)).status).toBe(403);
    expect(fake.requestsFor('signed-get').map((r) => r.status)).toEqual([200, 206, 403, 403]);
  });

  it('the stub refuses object names Cloud Storage refuses (over 1024 bytes, a line break)', async () => {
    for (const name of ['a'.repeat(1025), 'line\nbreak']) {
      const res = await fetch(`${fake.endpoint}/upload/storage/v1/b/${BUCKET}/o?uploadType=resumable&name=${encodeURIComponent(name)}`, { method: 'POST' });
      expect(res.status).toBe(400);
    }
    expect(fake.rejected).toHaveLength(2);
  });

  it('applies the same lifetime limits as local storage', async () => {
    const storage = makeStorage();
    await expect(storage.signedUrl(KEY, { expiresInSeconds: 7 * 86_400 + 1 })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    await expect(storage.signedUrl(KEY, { expiresInSeconds: 0 })).rejects.toMatchObject({ code: 'invalid_argument' });
  });
});
