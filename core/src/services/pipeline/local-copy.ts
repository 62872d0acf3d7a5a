import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { LocalStorage } from '../../providers/storage/local-storage';
import type { StorageProvider } from '../../providers/storage/storage-provider';

/**
 * Runs fn with a path to the stored object on local disk: the file itself for local storage, a
 * temporary download (removed afterwards) for cloud storage. ffmpeg and uploads need a path.
 */
export async function withLocalCopy<T>(storage: StorageProvider, key: string, workDir: string, fn: (file: string) => Promise<T>): Promise<T> {
  if (storage instanceof LocalStorage) return fn(storage.pathForKey(key));
  fs.mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, `${randomUUID()}${path.extname(key)}`);
  try {
    await pipeline(storage.createReadStream(key), fs.createWriteStream(file));
    return await fn(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}
