import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment variable the product reads; .env.example documents each one. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: z.string().url().optional(),
  AJIMI_DATA_DIR: z.string().default('data'),
  /** Production runs on a real Postgres; the embedded one only when this is explicitly true. */
  AJIMI_ALLOW_EMBEDDED_DB_IN_PRODUCTION: bool.optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(8),

  SESSION_SECRET: z.string().min(32).optional(),
  /** 32 bytes (base64 or hex): seals the secrets kept in app_settings (AES-256-GCM). */
  AJIMI_SECRETS_KEY: z
    .string()
    .refine((v) => /^[0-9a-f]{64}$/i.test(v.trim()) || Buffer.from(v.trim(), 'base64').length === 32, 'must be 32 bytes, base64 or hex (openssl rand -base64 32)')
    .optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  AJIMI_DEMO_ACCOUNTS: bool.optional(),
  AJIMI_DEMO_PASSWORD: z.string().min(8).optional(),
  /** With demo accounts: the first start runs the pipeline on a generated demo video (default true). */
  AJIMI_DEMO_SESSION: bool.optional(),
  /** The admin's pg-boss dashboard is read-only unless this is true. */
  AJIMI_QUEUE_DASHBOARD_WRITES: bool.optional(),
  LOGIN_RATE_LIMIT_PER_15_MIN: z.coerce.number().int().min(1).default(20),
  /** Reverse proxies in front of the API whose X-Forwarded-* headers are believed (Cloud Run: 1). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Follow-up questions per cook (each is an AI call), and questions whose reply is still being written. */
  QUESTION_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(6),
  QUESTION_LIMIT_PER_DAY: z.coerce.number().int().min(1).default(100),
  QUESTION_REPLIES_WAITING_MAX: z.coerce.number().int().min(1).default(3),

  CLERK_SECRET_KEY: z.string().optional(),
  CLERK_PUBLISHABLE_KEY: z.string().optional(),
  CLERK_JWT_KEY: z.string().optional(),

  STORAGE_DRIVER: z.enum(['local', 'gcs']).default('local'),
  GCS_BUCKET: z.string().optional(),
  GCS_PROJECT_ID: z.string().optional(),
  /** Service-account key; without both, Application Default Credentials (Cloud Run, Workload Identity, gcloud). */
  GCS_CLIENT_EMAIL: z.string().optional(),
  GCS_PRIVATE_KEY: z.string().optional(),
  GCS_API_ENDPOINT: z.string().url().optional(),
  /** What one cook's uploads (videos, voice memos) may occupy, in MB. */
  STORAGE_QUOTA_PER_USER_MB: z.coerce.number().int().min(1).default(20 * 1024),
  MEDIA_URL_TTL_SECONDS: z.coerce.number().int().min(30).max(7 * 24 * 3600).default(3600),

  GEMINI_API_KEY: z.string().optional(),
  /** Current GA id (Google's deprecations page); checked with models.get when the worker starts. */
  GEMINI_MODEL: z.string().default('gemini-3.8-flash'),
  /** Optional separate ids for video analysis and for text (coach text, script, replies); default GEMINI_MODEL. */
  GEMINI_VIDEO_MODEL: z.string().optional(),
  GEMINI_TEXT_MODEL: z.string().optional(),
  GEMINI_BASE_URL: z.string().url().optional(),
  GEMINI_TIMEOUT_MS: z.coerce.number().int().min(1000).max(900_000).default(180_000),
  EMBEDDING_MODEL: z.string().optional(),
  GOOGLE_SPEECH_API_KEY: z.string().optional(),
  GOOGLE_SPEECH_API_ENDPOINT: z.string().url().optional(),
  /** Narration voice: google (Cloud TTS) or espeak (offline). Default google when GOOGLE_TTS_API_KEY is set. */
  TTS_PROVIDER: z.enum(['google', 'espeak']).optional(),
  GOOGLE_TTS_API_KEY: z.string().optional(),
  /** Only for tests against a stub (e.g. http://127.0.0.1:43210). */
  GOOGLE_TTS_API_ENDPOINT: z.string().url().optional(),
  PUSH_CONTACT: z.string().optional(),

  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /** A worker answers GET /health on this port (containers, Cloud Run); unset = no port. */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** How long opening a review item reserves it for the coach (renewed by claiming again). */
  REVIEW_CLAIM_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Target time from upload to the coach's decision; the queue colours items near or past it. */
  REVIEW_TURNAROUND_HOURS: z.coerce.number().min(1).max(24 * 30).default(24),
  AJIMI_SERVE_FRONTENDS: bool.optional().transform((v) => v ?? true),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  port: number;
  host: string;
  publicUrl: string;
  /** PUBLIC_URL exactly as configured (undefined when unset): absolute links handed to clients are built from it. */
  configuredPublicUrl: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  databaseUrl: string | undefined;
  dataDir: string;
  databasePoolMax: number;
  /** Whether this process may start the embedded database (always outside production). */
  embeddedDatabaseAllowed: boolean;
  session: { secret: string | undefined; ttlHours: number };
  demo: { enabled: boolean; password: string | undefined; session: boolean };
  queueDashboardWrites: boolean;
  loginRateLimitPer15Min: number;
  trustProxyHops: number;
  questionLimits: { perMinute: number; perDay: number; repliesWaiting: number };
  clerk: { secretKey: string; publishableKey: string | undefined; jwtKey: string | undefined } | undefined;
  storage:
    | { driver: 'local'; rootDir: string }
    | {
        driver: 'gcs';
        bucket: string;
        projectId: string;
        /** Both unset: Application Default Credentials. */
        clientEmail: string | undefined;
        privateKey: string | undefined;
        apiEndpoint: string | undefined;
      };
  mediaUrlTtlSeconds: number;
  storageQuotaBytesPerUser: number;
  gemini:
    | {
        apiKey: string;
        model: string;
        /** Video analysis model (default `model`). */
        videoModel: string;
        /** Coach text, narration script and replies (default `model`). */
        textModel: string;
        baseUrl: string | undefined;
        timeoutMs: number;
      }
    | undefined;
  embeddingModel: string | undefined;
  speech: { apiKey: string; apiEndpoint: string | undefined } | undefined;
  /** google: Cloud TTS with the API key, or ADC when apiKey is undefined. */
  tts: { provider: 'google'; apiKey: string | undefined; apiEndpoint: string | undefined } | { provider: 'espeak' };
  /** VAPID subject: a mailto: or https: contact for push services. */
  pushContact: string;
  workerConcurrency: number;
  workerHealthPort: number | undefined;
  review: { claimMinutes: number; turnaroundHours: number };
  serveFrontends: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (as in a copied .env.example) means "use the default", not "set to empty".
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const demoEnabled = e.AJIMI_DEMO_ACCOUNTS ?? !isProduction;
  if (isProduction && demoEnabled) {
    throw new ConfigError('Refusing to start: demo accounts are enabled in production. Set AJIMI_DEMO_ACCOUNTS=false.');
  }
  if (isProduction && !e.SESSION_SECRET && !e.CLERK_SECRET_KEY) {
    throw new ConfigError('Refusing to start: production needs SESSION_SECRET (32+ characters) or Clerk keys.');
  }
  if (e.STORAGE_DRIVER === 'gcs') {
    const missing = (['GCS_BUCKET', 'GCS_PROJECT_ID'] as const).filter((k) => !e[k]);
    if (missing.length) throw new ConfigError(`STORAGE_DRIVER=gcs needs ${missing.join(', ')}.`);
    if (Boolean(e.GCS_CLIENT_EMAIL) !== Boolean(e.GCS_PRIVATE_KEY)) {
      throw new ConfigError('GCS_CLIENT_EMAIL and GCS_PRIVATE_KEY go together (or leave both unset to use Application Default Credentials).');
    }
  }
  const dataDir = path.resolve(e.AJIMI_DATA_DIR);
  return {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    configuredPublicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    databasePoolMax: e.DATABASE_POOL_MAX,
    embeddedDatabaseAllowed: !isProduction || e.AJIMI_ALLOW_EMBEDDED_DB_IN_PRODUCTION === true,
    session: { secret: e.SESSION_SECRET, ttlHours: e.SESSION_TTL_HOURS },
    demo: { enabled: demoEnabled, password: e.AJIMI_DEMO_PASSWORD, session: demoEnabled && (e.AJIMI_DEMO_SESSION ?? true) },
    queueDashboardWrites: e.AJIMI_QUEUE_DASHBOARD_WRITES ?? false,
    loginRateLimitPer15Min: e.LOGIN_RATE_LIMIT_PER_15_MIN,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    questionLimits: { perMinute: e.QUESTION_LIMIT_PER_MINUTE, perDay: e.QUESTION_LIMIT_PER_DAY, repliesWaiting: e.QUESTION_REPLIES_WAITING_MAX },
    clerk: e.CLERK_SECRET_KEY
      ? { secretKey: e.CLERK_SECRET_KEY, publishableKey: e.CLERK_PUBLISHABLE_KEY, jwtKey: e.CLERK_JWT_KEY }
      : undefined,
    storage:
      e.STORAGE_DRIVER === 'gcs'
        ? {
            driver: 'gcs',
            bucket: e.GCS_BUCKET as string,
            projectId: e.GCS_PROJECT_ID as string,
            clientEmail: e.GCS_CLIENT_EMAIL,
            privateKey: e.GCS_PRIVATE_KEY?.replace(/\\n/g, '\n'),
            apiEndpoint: e.GCS_API_ENDPOINT,
          }
        : { driver: 'local', rootDir: path.join(dataDir, 'media') },
    mediaUrlTtlSeconds: e.MEDIA_URL_TTL_SECONDS,
    storageQuotaBytesPerUser: e.STORAGE_QUOTA_PER_USER_MB * 1024 ** 2,
    gemini: e.GEMINI_API_KEY
      ? {
          apiKey: e.GEMINI_API_KEY,
          model: e.GEMINI_MODEL,
          videoModel: e.GEMINI_VIDEO_MODEL ?? e.GEMINI_MODEL,
          textModel: e.GEMINI_TEXT_MODEL ?? e.GEMINI_MODEL,
          baseUrl: e.GEMINI_BASE_URL,
          timeoutMs: e.GEMINI_TIMEOUT_MS,
        }
      : undefined,
    embeddingModel: e.EMBEDDING_MODEL,
    speech: e.GOOGLE_SPEECH_API_KEY ? { apiKey: e.GOOGLE_SPEECH_API_KEY, apiEndpoint: e.GOOGLE_SPEECH_API_ENDPOINT } : undefined,
    tts:
      (e.TTS_PROVIDER ?? (e.GOOGLE_TTS_API_KEY ? 'google' : 'espeak')) === 'google'
        ? { provider: 'google', apiKey: e.GOOGLE_TTS_API_KEY, apiEndpoint: e.GOOGLE_TTS_API_ENDPOINT }
        : { provider: 'espeak' },
    pushContact: e.PUSH_CONTACT ?? (e.PUBLIC_URL?.startsWith('https://') ? e.PUBLIC_URL : 'mailto:admin@ajimi.local'),
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerHealthPort: e.WORKER_HEALTH_PORT,
    review: { claimMinutes: e.REVIEW_CLAIM_MINUTES, turnaroundHours: e.REVIEW_TURNAROUND_HOURS },
    serveFrontends: e.AJIMI_SERVE_FRONTENDS,
  };
}
