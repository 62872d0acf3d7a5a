import { createHash } from 'node:crypto';
import fs from 'node:fs';

/**
 * Files this process uploaded to the Gemini Files API and may use again: a job retried after a 429
 * or 503 (or a second analysis of the same proxy) reuses the upload instead of sending the whole
 * video again. Keyed by the content's SHA-256, because each attempt downloads the proxy to a new
 * temporary path. Uploaded files expire after 48 h (https://ai.google.dev/api/files); entries are
 * dropped well before that.
 */
export interface UploadedFileEntry {
  name: string;
  uri: string;
  mimeType: string;
  expiresAt: number;
}

const REUSE_FOR_MS = 40 * 60 * 60 * 1000;

export class UploadedFiles {
  readonly #entries = new Map<string, UploadedFileEntry>();

  get(key: string, now = Date.now()): UploadedFileEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= now) this.#entries.delete(key);
    return entry && entry.expiresAt > now ? entry : undefined;
  }

  remember(key: string, file: Omit<UploadedFileEntry, 'expiresAt'>, now = Date.now()): void {
    this.#entries.set(key, { ...file, expiresAt: now + REUSE_FOR_MS });
  }

  forget(key: string): void {
    this.#entries.delete(key);
  }
}

export async function contentKey(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
