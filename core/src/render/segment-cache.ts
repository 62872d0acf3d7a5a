import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RenderSegment } from './render-input';
import { SEGMENT_ENCODE_ARGS, RENDER_STYLE } from './render-segment';
import { SYNTH_VERSION } from './synth-audio';

/** Bump when the renderer's output changes for the same input (invalidates every cached segment). */
export const SEGMENT_RENDERER_VERSION = 2;

/** JSON with object keys sorted at every level: the same data always gives the same string. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const fileHashes = new Map<string, { key: string; hash: Promise<string> }>();

/** sha256 of a file's bytes, memoised per (path, size, mtime). */
export async function fileContentHash(path: string): Promise<string> {
  const st = await stat(path);
  const key = `${st.size}:${st.mtimeMs}`;
  const known = fileHashes.get(path);
  if (known?.key === key) return known.hash;
  const hash = new Promise<string>((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
  fileHashes.set(path, { key, hash });
  hash.catch(() => fileHashes.delete(path));
  return hash;
}

/**
 * The cache key of a segment: its input as sorted-key JSON, with each narration file replaced by
 * its content hash (a re-synthesised line at the same path is a change) and the source video by
 * its size and modification time (hashing a large upload on every render would cost seconds),
 * plus the renderer's version, encoder settings and style.
 */
export async function segmentHash(segment: RenderSegment): Promise<string> {
  const narration = await Promise.all(
    segment.narration.map(async (n) => ({ startSec: n.startSec, audio: await fileContentHash(n.audioPath) })),
  );
  let background: unknown = segment.background;
  if (segment.background.type === 'source') {
    const st = await stat(segment.background.path);
    background = { ...segment.background, file: { size: st.size, mtimeMs: Math.floor(st.mtimeMs) } };
  }
  return createHash('sha256')
    .update(
      stableStringify({
        v: SEGMENT_RENDERER_VERSION,
        synth: SYNTH_VERSION,
        encode: SEGMENT_ENCODE_ARGS,
        style: RENDER_STYLE,
        segment: { ...segment, narration, background },
      }),
    )
    .digest('hex')
    .slice(0, 32);
}

export class SegmentCache {
  constructor(readonly dir: string) {}

  pathFor(hash: string): string {
    return join(this.dir, `${hash}.mp4`);
  }

  has(hash: string): boolean {
    return existsSync(this.pathFor(hash));
  }

  /**
   * Produces the file for `hash` through `render(tmpPath)` and moves it into place atomically, so
   * an aborted or failed render never leaves a half-written segment behind.
   */
  async put(hash: string, render: (tmpPath: string) => Promise<unknown>): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const final = this.pathFor(hash);
    const tmp = join(this.dir, `${hash}.${process.pid}.${Date.now()}.partial.mp4`);
    try {
      await render(tmp);
      await rename(tmp, final);
    } finally {
      await rm(tmp, { force: true });
    }
    return final;
  }
}
