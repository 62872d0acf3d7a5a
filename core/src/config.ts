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
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(8),

  SESSION_SECRET: z.string().min(32).optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 14),
  AJIMI_DEMO_ACCOUNTS: bool.optional(),
  AJIMI_DEMO_PASSWORD: z.string().min(8).optional(),
  /** With demo accounts: the first start runs the pipeline on a generated demo video (default true). */
  AJIMI_DEMO_SESSION: bool.optional(),
  /** The admin's pg-boss dashboard is read-only unless this is true. */
  AJIMI_QUEUE_DASHBOARD_WRITES: bool.optional(),
  LOGIN_RATE_LIMIT_PER_15_MIN: z.coerce.number().int().min(1).default(20),

  CLERK_SECRET_KEY: z.string().optional(),
  CLERK_PUBLISHABLE_KEY: z.string().optional(),
  CLERK_JWT_KEY: z.string().optional(),

  STORAGE_DRIVER: z.enum(['local', 'gcs']).default('local'),
  GCS_BUCKET: z.string().optional(),
  GCS_PROJECT_ID: z.string().optional(),
  GCS_CLIENT_EMAIL: z.string().optional(),
  GCS_PRIVATE_KEY: z.string().optional(),
  GCS_API_ENDPOINT: z.string().url().optional(),
  MEDIA_URL_TTL_SECONDS: z.coerce.number().int().min(30).max(7 * 24 * 3600).default(3600),

  GEMINI_API_KEY: z.string().optional(),
  GEMINI_MODEL: z.string().default('gemini-2.5-flash'),
  GEMINI_BASE_URL: z.string().url().optional(),
  GEMINI_TIMEOUT_MS: z.coerce.number().int().min(1000).max(900_000).default(180_000),
  EMBEDDING_MODEL: z.string().optional(),
  GOOGLE_SPEECH_API_KEY: z.string().optional(),
  GOOGLE_SPEECH_API_ENDPOINT: z.string().url().optional(),
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
  logLevel: Env['LOG_LEVEL'];
  databaseUrl: string | undefined;
  dataDir: string;
  databasePoolMax: number;
  session: { secret: string | undefined; ttlHours: number };
  demo: { enabled: boolean; password: string | undefined; session: boolean };
  queueDashboardWrites: boolean;
  loginRateLimitPer15Min: number;
  clerk: { secretKey: string; publishableKey: string | undefined; jwtKey: string | undefined } | undefined;
  storage:
    | { driver: 'local'; rootDir: string }
    | {
        driver: 'gcs';
        bucket: string;
        projectId: string;
        clientEmail: string;
        privateKey: string;
        apiEndpoint: string | undefined;
      };
  mediaUrlTtlSeconds: number;
  gemini: { apiKey: string; model: string; baseUrl: string | undefined; timeoutMs: number } | undefined;
  embeddingModel: string | undefined;
  speech: { apiKey: string; apiEndpoint: string | undefined } | undefined;
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
    const missing = (['GCS_BUCKET', 'GCS_PROJECT_ID', 'GCS_CLIENT_EMAIL', 'GCS_PRIVATE_KEY'] as const).filter((k) => !e[k]);
    if (missing.length) throw new ConfigError(`STORAGE_DRIVER=gcs needs ${missing.join(', ')}.`);
  }
  const dataDir = path.resolve(e.AJIMI_DATA_DIR);
  return {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    databasePoolMax: e.DATABASE_POOL_MAX,
    session: { secret: e.SESSION_SECRET, ttlHours: e.SESSION_TTL_HOURS },
    demo: { enabled: demoEnabled, password: e.AJIMI_DEMO_PASSWORD, session: demoEnabled && (e.AJIMI_DEMO_SESSION ?? true) },
    queueDashboardWrites: e.AJIMI_QUEUE_DASHBOARD_WRITES ?? false,
    loginRateLimitPer15Min: e.LOGIN_RATE_LIMIT_PER_15_MIN,
    clerk: e.CLERK_SECRET_KEY
      ? { secretKey: e.CLERK_SECRET_KEY, publishableKey: e.CLERK_PUBLISHABLE_KEY, jwtKey: e.CLERK_JWT_KEY }
      : undefined,
    storage:
      e.STORAGE_DRIVER === 'gcs'
        ? {
            driver: 'gcs',
            bucket: e.GCS_BUCKET as string,
            projectId: e.GCS_PROJECT_ID as string,
            clientEmail: e.GCS_CLIENT_EMAIL as string,
            privateKey: (e.GCS_PRIVATE_KEY as string).replace(/\\n/g, '\n'),
            apiEndpoint: e.GCS_API_ENDPOINT,
          }
        : { driver: 'local', rootDir: path.join(dataDir, 'media') },
    mediaUrlTtlSeconds: e.MEDIA_URL_TTL_SECONDS,
    gemini: e.GEMINI_API_KEY ? { apiKey: e.GEMINI_API_KEY, model: e.GEMINI_MODEL, baseUrl: e.GEMINI_BASE_URL, timeoutMs: e.GEMINI_TIMEOUT_MS } : undefined,
    embeddingModel: e.EMBEDDING_MODEL,
    speech: e.GOOGLE_SPEECH_API_KEY ? { apiKey: e.GOOGLE_SPEECH_API_KEY, apiEndpoint: e.GOOGLE_SPEECH_API_ENDPOINT } : undefined,
    pushContact: e.PUSH_CONTACT ?? (e.PUBLIC_URL?.startsWith('https://') ? e.PUBLIC_URL : 'mailto:admin@ajimi.local'),
    workerConcurrency: e.WORKER_CONCURRENCY,
    workerHealthPort: e.WORKER_HEALTH_PORT,
    review: { claimMinutes: e.REVIEW_CLAIM_MINUTES, turnaroundHours: e.REVIEW_TURNAROUND_HOURS },
    serveFrontends: e.AJIMI_SERVE_FRONTENDS,
  };
}
