import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createStorage } from './create-storage';
import { GcsStorage } from './gcs-storage';
import { LocalStorage } from './local-storage';

const SECRET = 'x'.repeat(32);

describe('createStorage', () => {
  it('builds local storage', () => {
    const storage = createStorage({
      driver: 'local',
      rootDir: join(tmpdir(), 'ajimi-create-storage'),
      publicBaseUrl: '/api/media',
      signingSecret: SECRET,
    });
    expect(storage).toBeInstanceOf(LocalStorage);
    expect(storage.driver).toBe('local');
    expect(storage.publicBaseUrl).toBe('/api/media');
  });

  it('builds GCS storage without touching the network', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const storage = createStorage({
      driver: 'gcs',
      bucket: 'ajimi-media',
      projectId: 'ajimi',
      credentials: { client_email: 'sa@ajimi.iam.gserviceaccount.com', private_key: privateKey },
      apiEndpoint: 'http://127.0.0.1:1',
      retry: { maxRetries: 1 },
    });
    warn.mockRestore();
    expect(storage).toBeInstanceOf(GcsStorage);
    expect(storage.driver).toBe('gcs');
    expect(storage.bucketName).toBe('ajimi-media');
  });

  it('builds GCS storage on Application Default Credentials when no key is given', () => {
    const storage = createStorage({ driver: 'gcs', bucket: 'ajimi-media', projectId: 'ajimi', apiEndpoint: 'http://127.0.0.1:1' });
    expect(storage).toBeInstanceOf(GcsStorage);
    // The SDK was not handed a key: google-auth-library resolves ADC (Cloud Run's service account) on first use.
    expect((storage.bucketHandle.storage.authClient as unknown as { jsonContent?: unknown }).jsonContent ?? null).toBeNull();
  });

  it('rejects invalid config with the field names but not the secret values', () => {
    const attempt = () =>
      createStorage({ driver: 'local', rootDir: '', publicBaseUrl: 'ftp://x', signingSecret: 'hunter2' });
    expect(attempt).toThrow(expect.objectContaining({ name: 'StorageError', code: 'invalid_argument' }));
    try {
      attempt();
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toMatch(/rootDir/);
      expect(message).toMatch(/publicBaseUrl/);
      expect(message).toMatch(/signingSecret/);
      expect(message).not.toContain('hunter2');
    }
    expect(() => createStorage({ driver: 's3' } as never)).toThrow(/invalid storage config/);
  });
});
