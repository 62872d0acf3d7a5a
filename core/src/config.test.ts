import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const SECRET = 's'.repeat(32);

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has working defaults for a fresh clone', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      isProduction: false,
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      databaseUrl: undefined,
      dataDir: path.resolve('data'),
      databasePoolMax: 8,
      session: { secret: undefined, ttlHours: 336 },
      demo: { enabled: true, password: undefined },
      loginRateLimitPer15Min: 20,
      clerk: undefined,
      storage: { driver: 'local', rootDir: path.resolve('data', 'media') },
      mediaUrlTtlSeconds: 3600,
      workerConcurrency: 2,
      serveFrontends: true,
    });
  });

  it('reads and coerces what it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://ajimi.example.com',
      AJIMI_DATA_DIR: '/tmp/ajimi-x',
      AJIMI_DEMO_ACCOUNTS: 'no',
      AJIMI_SERVE_FRONTENDS: '0',
      SESSION_TTL_HOURS: '12',
      CLERK_SECRET_KEY: 'sk_test_x',
      CLERK_PUBLISHABLE_KEY: 'pk_test_y',
    });
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'https://ajimi.example.com',
      dataDir: '/tmp/ajimi-x',
      demo: { enabled: false },
      serveFrontends: false,
      session: { ttlHours: 12 },
      clerk: { secretKey: 'sk_test_x', publishableKey: 'pk_test_y', jwtKey: undefined },
      storage: { driver: 'local', rootDir: '/tmp/ajimi-x/media' },
    });
    expect(loadConfig({ PORT: '4000' }).publicUrl).toBe('http://localhost:4000');
  });

  it('refuses production with demo accounts, saying how to fix it', () => {
    const message = refusal({ NODE_ENV: 'production', SESSION_SECRET: SECRET, AJIMI_DEMO_ACCOUNTS: 'true' });
    expect(message).toMatch(/demo accounts/i);
    expect(message).toContain('AJIMI_DEMO_ACCOUNTS=false');
  });

  it('refuses production without SESSION_SECRET and without Clerk', () => {
    const message = refusal({ NODE_ENV: 'production' });
    expect(message).toContain('SESSION_SECRET');
    expect(message).toMatch(/Clerk/);
  });

  it('starts in production with a session secret, or with Clerk; demo accounts default to off there', () => {
    const withSecret = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET });
    expect([withSecret.isProduction, withSecret.demo.enabled, withSecret.session.secret]).toEqual([true, false, SECRET]);
    const withClerk = loadConfig({ NODE_ENV: 'production', CLERK_SECRET_KEY: 'sk_live_x', CLERK_PUBLISHABLE_KEY: 'pk_live_y' });
    expect(withClerk.clerk?.secretKey).toBe('sk_live_x');
  });

  it('refuses gcs storage without a bucket, and reads the gcs settings with one', () => {
    const gcs = { STORAGE_DRIVER: 'gcs', GCS_PROJECT_ID: 'p', GCS_CLIENT_EMAIL: 'sa@p.iam.gserviceaccount.com', GCS_PRIVATE_KEY: '-----BEGIN-----\\nabc\\n-----END-----' };
    expect(refusal(gcs)).toContain('GCS_BUCKET');
    expect(refusal({ STORAGE_DRIVER: 'gcs' })).toContain('GCS_BUCKET');
    const config = loadConfig({ ...gcs, GCS_BUCKET: 'b' });
    expect(config.storage).toMatchObject({ driver: 'gcs', bucket: 'b', projectId: 'p', privateKey: '-----BEGIN-----\nabc\n-----END-----' });
  });

  it('uses Application Default Credentials for gcs when no key is given, and refuses half a key', () => {
    const adc = loadConfig({ STORAGE_DRIVER: 'gcs', GCS_PROJECT_ID: 'p', GCS_BUCKET: 'b' });
    expect(adc.storage).toMatchObject({ driver: 'gcs', clientEmail: undefined, privateKey: undefined });
    expect(refusal({ STORAGE_DRIVER: 'gcs', GCS_PROJECT_ID: 'p', GCS_BUCKET: 'b', GCS_CLIENT_EMAIL: 'sa@p' })).toContain('go together');
  });

  it('defaults Gemini to a current GA model, with optional separate video and text ids', () => {
    const one = loadConfig({ GEMINI_API_KEY: 'k' });
    expect(one.gemini).toMatchObject({ model: 'gemini-3.8-flash', videoModel: 'gemini-3.8-flash', textModel: 'gemini-3.8-flash' });
    const split = loadConfig({ GEMINI_API_KEY: 'k', GEMINI_VIDEO_MODEL: 'gemini-3.8-flash', GEMINI_TEXT_MODEL: 'gemini-3.5-flash-lite' });
    expect(split.gemini).toMatchObject({ videoModel: 'gemini-3.8-flash', textModel: 'gemini-3.5-flash-lite' });
  });

  it('selects Google TTS when its key is set, espeak otherwise, and honours TTS_PROVIDER', () => {
    expect(loadConfig({}).tts).toEqual({ provider: 'espeak' });
    expect(loadConfig({ GOOGLE_TTS_API_KEY: 'k', GOOGLE_TTS_API_ENDPOINT: 'http://127.0.0.1:9' }).tts).toEqual({
      provider: 'google',
      apiKey: 'k',
      apiEndpoint: 'http://127.0.0.1:9',
    });
    expect(loadConfig({ GOOGLE_TTS_API_KEY: 'k', TTS_PROVIDER: 'espeak' }).tts).toEqual({ provider: 'espeak' });
    expect(loadConfig({ TTS_PROVIDER: 'google' }).tts).toEqual({ provider: 'google', apiKey: undefined, apiEndpoint: undefined });
    expect(refusal({ TTS_PROVIDER: 'polly' })).toContain('TTS_PROVIDER');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['SESSION_SECRET', 'too-short'],
    ['DATABASE_URL', 'not a url'],
    ['AJIMI_DEMO_ACCOUNTS', 'maybe'],
    ['STORAGE_DRIVER', 's3'],
    ['WORKER_CONCURRENCY', '0'],
  ])('an invalid %s (%j) is refused with a message naming it', (name, value) => {
    const message = refusal({ [name]: value });
    expect(message).toMatch(/^Invalid configuration:/);
    expect(message).toMatch(new RegExp(`^  ${name}: `, 'm'));
  });

  it('lists every invalid variable at once', () => {
    const message = refusal({ PORT: 'abc', LOG_LEVEL: 'loud', SESSION_TTL_HOURS: '-1' });
    for (const name of ['PORT', 'LOG_LEVEL', 'SESSION_TTL_HOURS']) expect(message).toContain(name);
  });

  it('.env.example, copied as-is, loads (empty means default)', () => {
    const example = parseEnv(fs.readFileSync(path.resolve(import.meta.dirname, '../../.env.example'), 'utf8'));
    const config = loadConfig(example);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.demo.enabled).toBe(true);
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });
});
