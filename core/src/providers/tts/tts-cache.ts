import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SynthesizedSpeech, TtsLang } from './text-to-speech';
import { wavDurationSec } from './wav';

/** sha256 over (provider, voice, lang, text), unambiguous (JSON array). */
export function ttsCacheKey(parts: { provider: string; voice: string; lang: TtsLang; text: string }): string {
  return createHash('sha256').update(JSON.stringify([parts.provider, parts.voice, parts.lang, parts.text])).digest('hex');
}

/**
 * A directory of synthesized WAVs named by their cache key (`<dir>/<ab>/<key>.wav`). Writes go to
 * a temporary file renamed into place, so a crash never leaves a half-written entry; identical
 * requests in flight in this process share one synthesis.
 */
export class TtsCache {
  readonly #inFlight = new Map<string, Promise<SynthesizedSpeech>>();
  constructor(readonly dir: string) {}

  pathFor(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.wav`);
  }

  /** Returns the cached entry, or runs `produce(tmpPath)` (which must write a WAV there) and stores it. */
  get(key: string, produce: (tmpPath: string) => Promise<void>): Promise<SynthesizedSpeech> {
    const pending = this.#inFlight.get(key);
    if (pending) return pending;
    const work = this.#getOrProduce(key, produce).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, work);
    return work;
  }

  async #getOrProduce(key: string, produce: (tmpPath: string) => Promise<void>): Promise<SynthesizedSpeech> {
    const audioPath = this.pathFor(key);
    const existing = await fs.readFile(audioPath).catch(() => undefined);
    if (existing) {
      try {
        return { audioPath, durationSec: wavDurationSec(existing), key, cached: true };
      } catch {
        // a damaged entry: synthesize again below
      }
    }
    await fs.mkdir(path.dirname(audioPath), { recursive: true });
    const tmp = `${audioPath}.${randomUUID()}.tmp.wav`;
    try {
      await produce(tmp);
      const durationSec = wavDurationSec(await fs.readFile(tmp));
      await fs.rename(tmp, audioPath);
      return { audioPath, durationSec, key, cached: false };
    } finally {
      await fs.rm(tmp, { force: true });
    }
  }
}
