import { z } from 'zod';
import { GcsStorage } from './gcs-storage';
import { LocalStorage } from './local-storage';
import { StorageError } from './storage-provider';
import type { StorageProvider } from './storage-provider';

/**
 * Storage configuration as plain data. The app's config module builds it (from env or files) and
 * passes it in; nothing here reads process.env.
 */
export const localStorageConfigSchema = z.object({
  driver: z.literal('local'),
  rootDir: z.string().min(1),
  /** Where the media router is mounted: '/api/media' or 'https://host/api/media'. */
  publicBaseUrl: z
    .string()
    .refine((v) => v.startsWith('/') || /^https?:\/\/[^/\s]+(\/\S*)?$/.test(v), 'must be a path or an http(s) URL'),
  signingSecret: z.string().min(32, 'signingSecret must be at least 32 characters'),
});

export const gcsStorageConfigSchema = z.object({
  driver: z.literal('gcs'),
  bucket: z.string().min(3).max(222),
  projectId: z.string().min(1),
  /** Unset: Application Default Credentials. */
  credentials: z
    .object({
      client_email: z.string().min(3),
      private_key: z.string().min(1),
    })
    .optional(),
  apiEndpoint: z.url().optional(),
  useAuthWithCustomEndpoint: z.boolean().optional(),
  timeoutMs: z.number().int().positive().optional(),
  retry: z
    .object({
      maxRetries: z.number().int().min(0).max(10).optional(),
      retryDelayMultiplier: z.number().min(1).optional(),
      maxRetryDelaySeconds: z.number().positive().optional(),
      totalTimeoutSeconds: z.number().positive().optional(),
    })
    .optional(),
});

export const storageConfigSchema = z.discriminatedUnion('driver', [localStorageConfigSchema, gcsStorageConfigSchema]);

export type LocalStorageConfig = z.infer<typeof localStorageConfigSchema>;
export type GcsStorageConfig = z.infer<typeof gcsStorageConfigSchema>;
export type StorageConfig = z.infer<typeof storageConfigSchema>;

/**
 * Builds the storage backend named by `config.driver`. Invalid config throws
 * StorageError('invalid_argument') listing the offending fields (never their values: secrets).
 */
export function createStorage(config: LocalStorageConfig): LocalStorage;
export function createStorage(config: GcsStorageConfig): GcsStorage;
export function createStorage(config: StorageConfig): LocalStorage | GcsStorage;
export function createStorage(config: StorageConfig): StorageProvider {
  const parsed = storageConfigSchema.safeParse(config);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new StorageError('invalid_argument', `invalid storage config: ${problems}`);
  }
  const c = parsed.data;
  switch (c.driver) {
    case 'local':
      return new LocalStorage({ rootDir: c.rootDir, publicBaseUrl: c.publicBaseUrl, signingSecret: c.signingSecret });
    case 'gcs':
      return new GcsStorage({
        bucket: c.bucket,
        projectId: c.projectId,
        ...(c.credentials ? { credentials: c.credentials } : {}),
        ...(c.apiEndpoint !== undefined ? { apiEndpoint: c.apiEndpoint } : {}),
        ...(c.useAuthWithCustomEndpoint !== undefined ? { useAuthWithCustomEndpoint: c.useAuthWithCustomEndpoint } : {}),
        ...(c.timeoutMs !== undefined ? { timeoutMs: c.timeoutMs } : {}),
        ...(c.retry !== undefined ? { retry: stripUndefined(c.retry) } : {}),
      });
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
