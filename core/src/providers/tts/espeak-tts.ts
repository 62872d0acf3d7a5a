import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { isMediaError } from '../../media/index';
import { runMediaTool } from '../../media/run-media-tool';
import type { MediaToolPaths } from '../../media/index';
import { stripEmoji, japaneseReading, DEFAULT_READING_OVERRIDES } from './japanese-reading';
import type { ReadingOverrides } from './japanese-reading';
import { TTS_SAMPLE_RATE, TtsError } from './text-to-speech';
import type { SynthesizeOptions, SynthesizedSpeech, TextToSpeech, TtsLang } from './text-to-speech';
import { TtsCache, ttsCacheKey } from './tts-cache';

export interface EspeakTtsOptions {
  /** Where synthesized WAVs are kept (shared by all providers: keys include the provider). */
  cacheDir: string;
  /** The espeak-ng binary (default `espeak-ng` on PATH; Debian: apt-get install espeak-ng). */
  command?: string | undefined;
  /** Words per minute (espeak default 175; a little slower reads better in Japanese). */
  wordsPerMinute?: number | undefined;
  overrides?: ReadingOverrides | undefined;
  tools?: Partial<MediaToolPaths> | undefined;
}

const VOICES: Record<TtsLang, string> = { ja: 'ja', en: 'en-us' };

/**
 * The offline TTS: Japanese text → katakana reading (kuromoji + override dictionary) → espeak-ng's
 * `ja` voice; English straight to `en-us`. Robotic, but real speech with honest durations, which
 * is what the timeline needs. Output is resampled by ffmpeg to 24 kHz mono 16-bit WAV.
 */
export class EspeakTextToSpeech implements TextToSpeech {
  readonly provider = 'espeak' as const;
  readonly voice: string;
  readonly #cache: TtsCache;
  readonly #command: string;
  readonly #wpm: number;
  readonly #overrides: ReadingOverrides;
  readonly #tools: Partial<MediaToolPaths> | undefined;

  constructor(options: EspeakTtsOptions) {
    this.#cache = new TtsCache(options.cacheDir);
    this.#command = options.command ?? 'espeak-ng';
    this.#wpm = options.wordsPerMinute ?? 160;
    this.#overrides = options.overrides ?? DEFAULT_READING_OVERRIDES;
    this.#tools = options.tools;
    // The voice id covers everything that changes the sound, so a change invalidates the cache.
    const dict = createHash('sha256').update(JSON.stringify(Object.entries(this.#overrides).sort(([a], [b]) => (a < b ? -1 : 1)))).digest('hex').slice(0, 8);
    this.voice = `espeak-ng:${VOICES.ja}/${VOICES.en}@${this.#wpm}wpm:dict-${dict}`;
  }

  /** The text espeak-ng is actually given (a katakana reading for Japanese). */
  async speakableText(text: string, lang: TtsLang): Promise<string> {
    if (lang === 'en') return stripEmoji(text.normalize('NFKC'));
    return (await japaneseReading(text, { overrides: this.#overrides })).kana;
  }

  async synthesize(text: string, options: SynthesizeOptions): Promise<SynthesizedSpeech> {
    const { lang, signal } = options;
    if (signal?.aborted) throw new TtsError('Synthesis was aborted', 'timeout');
    const speakable = await this.speakableText(text, lang);
    if (!speakable.replace(/[、。\s]/g, '')) throw new TtsError(`Nothing to read aloud in ${JSON.stringify(text.slice(0, 60))}.`, 'rejected');
    const key = ttsCacheKey({ provider: this.provider, voice: this.voice, lang, text });
    return this.#cache.get(key, async (outPath) => {
      const raw = `${outPath}.espeak.wav`;
      try {
        await this.#espeak(speakable, VOICES[lang], raw, signal);
        await runMediaTool('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-i', raw, '-ac', '1', '-ar', String(TTS_SAMPLE_RATE), '-c:a', 'pcm_s16le', '-f', 'wav', outPath], {
          signal,
          tools: this.#tools,
        }).catch((err: unknown) => {
          if (isMediaError(err)) throw new TtsError(`Could not resample espeak-ng output: ${err.message}`, err.code === 'tool_missing' ? 'tool_missing' : 'unavailable', undefined, { cause: err });
          throw err;
        });
      } finally {
        await fs.rm(raw, { force: true });
      }
    });
  }

  /** Text goes in on stdin (never as an argument: a line starting with "-" is not an option). */
  #espeak(text: string, voice: string, outPath: string, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.#command, ['-v', voice, '-s', String(this.#wpm), '-b', '1', '-w', outPath, '--stdin'], { stdio: ['pipe', 'ignore', 'pipe'], signal });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-4000)));
      child.stdin.on('error', () => {}); // EPIPE when the binary is missing: the 'error' event reports it
      child.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') reject(new TtsError(`${this.#command} was not found. Install espeak-ng (Debian: apt-get install espeak-ng).`, 'tool_missing', undefined, { cause: err }));
        else if (err.name === 'AbortError') reject(new TtsError('Synthesis was aborted', 'timeout', undefined, { cause: err }));
        else reject(new TtsError(`Could not run ${this.#command}: ${err.message}`, 'unavailable', undefined, { cause: err }));
      });
      child.on('close', (code) => {
        if (code === 0) resolve();
        else reject(new TtsError(`${this.#command} failed (${code === null ? 'killed' : `exit code ${code}`}): ${stderr.trim().slice(0, 300) || 'no error output'}`, 'unavailable'));
      });
      child.stdin.end(`${text}\n`, 'utf8');
    });
  }
}
