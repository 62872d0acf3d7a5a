import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { StorageError } from './storage-provider';

/** A pass-through that counts bytes, hashes them (SHA-256) and stops a body that grows past maxBytes. */
export function createByteMeter(key: string, maxBytes: number | undefined): {
  stream: Transform;
  size(): number;
  sha256(): string;
} {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (maxBytes !== undefined && size > maxBytes) {
        callback(new StorageError('too_large', `object exceeds ${maxBytes} bytes`, { key }));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { stream, size: () => size, sha256: () => hash.digest('hex') };
}
