import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { File as GeminiFile } from '@google/genai';
import { abortable } from '../abortable';
import { analysisResponseSchema, responseToResult } from './analysis-response-schema';
import type { AnalysisResult } from '../../domain/analysis';
import { AiProviderError } from './ai-provider';
import type { AnalyzeInput, Provenance, VideoAnalyzer } from './ai-provider';
import { enforceAnalysisInvariants } from './analysis-invariants';
import { createGeminiClient } from './gemini-client';
import type { GeminiClient, GeminiClientOptions } from './gemini-client';
import { contentKey, UploadedFiles } from './gemini-uploaded-files';
import { planVideoRequest, VideoTooLongError } from './gemini-video-plan';
import type { VideoPlan } from './gemini-video-plan';
import { generateJson } from './generate-json';
import { toGeminiJsonSchema } from './json-schema';
import { renderAnalyzePrompt } from './prompt-inputs';
import { latestPromptVersion, promptRef } from './prompts';

export interface GeminiAnalyzerOptions extends GeminiClientOptions {
  /** prompts/analyze version, e.g. "v1" (default: the latest). Recorded in provenance. */
  promptVersion?: string | undefined;
  /** How often to ask whether the uploaded video is ACTIVE (default 2000 ms). */
  pollIntervalMs?: number | undefined;
  /** Give up waiting for ACTIVE after this long (default: sized by the video's duration) → AiProviderError('timeout'). */
  fileActiveTimeoutMs?: number | undefined;
  /** Sampling temperature; unset keeps Gemini 3's recommended default (1.0). */
  temperature?: number | undefined;
  /** Input limit of the model (default 1,048,576; checkGeminiModel reads the real one). */
  inputTokenLimit?: number | undefined;
}

const MIME_BY_EXT: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
};

/**
 * Video analysis with Gemini: upload the 720p proxy through the Files API (v1beta), wait until it
 * is ACTIVE, ask generateContent for an AnalysisResult (JSON schema + zod, one repair retry) with
 * media resolution and frame rate chosen from the duration so long videos fit the input limit, then
 * enforce what the schema cannot say (moments inside the video and out of obstructed seconds).
 * The upload is deleted once the analysis succeeds or fails for good; after a retryable failure it
 * is kept for the job's next attempt (Gemini also expires files after 48 h).
 */
export class GeminiVideoAnalyzer implements VideoAnalyzer {
  readonly provenance: Provenance;
  readonly #client: GeminiClient;
  readonly #promptVersion: string;
  readonly #pollIntervalMs: number;
  readonly #fileActiveTimeoutMs: number | undefined;
  readonly #temperature: number | undefined;
  readonly #inputTokenLimit: number | undefined;
  readonly #jsonSchema = toGeminiJsonSchema(analysisResponseSchema);
  readonly #uploaded = new UploadedFiles();

  constructor(options: GeminiAnalyzerOptions) {
    this.#client = createGeminiClient(options);
    this.#promptVersion = options.promptVersion ?? latestPromptVersion('analyze');
    this.#pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.#fileActiveTimeoutMs = options.fileActiveTimeoutMs;
    this.#temperature = options.temperature;
    this.#inputTokenLimit = options.inputTokenLimit;
    this.provenance = {
      provider: 'gemini',
      model: options.model,
      promptVersion: promptRef({ id: 'analyze', version: this.#promptVersion }),
    };
  }

  async analyze(input: AnalyzeInput): Promise<AnalysisResult> {
    if (!input.videoPath) throw new AiProviderError('Gemini analysis needs the proxy video (videoPath).', 'config');
    const videoPath = input.videoPath;
    const signal = input.signal;
    if (signal?.aborted) throw new AiProviderError('Gemini analysis was aborted before it started', 'timeout');
    const prompt = renderAnalyzePrompt(input, this.#promptVersion);
    const plan = this.#plan(input);

    // One upload per video: reused by the repair round, and by a retried job after a 429/503.
    const key = await contentKey(videoPath);
    let done = false;
    const file = await this.#activeFile(key, videoPath, plan.fileActiveTimeoutMs, signal);
    try {
      const raw = await generateJson(this.#client, {
        what: this.provenance.promptVersion,
        system: prompt.system,
        userParts: [
          { fileData: { fileUri: file.uri, mimeType: file.mimeType }, videoMetadata: { fps: plan.fps } },
          { text: prompt.user },
        ],
        schema: analysisResponseSchema,
        jsonSchema: this.#jsonSchema,
        temperature: this.#temperature,
        mediaResolution: plan.mediaResolution,
        timeoutMs: plan.generateTimeoutMs,
        signal,
      });
      done = true;
      return enforceAnalysisInvariants(responseToResult(raw), input.signals);
    } catch (err) {
      // A failure retrying cannot fix frees the upload now; a retryable one keeps it for the next attempt.
      if (!(err instanceof AiProviderError) || !err.retryable) done = true;
      throw err;
    } finally {
      if (done) {
        this.#uploaded.forget(key);
        await this.#deleteQuietly(file.name);
      }
    }
  }

  #plan(input: AnalyzeInput): VideoPlan {
    try {
      return planVideoRequest(input.signals.durationSec, {
        hasAudio: input.signals.hasAudio,
        baseTimeoutMs: this.#client.timeoutMs,
        ...(this.#inputTokenLimit ? { inputTokenLimit: this.#inputTokenLimit } : {}),
      });
    } catch (err) {
      if (err instanceof VideoTooLongError) throw new AiProviderError(err.message, 'rejected');
      throw err;
    }
  }

  /** The uploaded file for this content, ACTIVE: a remembered one when Gemini still has it, else a new upload. */
  async #activeFile(
    key: string,
    videoPath: string,
    activeTimeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<{ name: string; uri: string; mimeType: string }> {
    const known = this.#uploaded.get(key);
    if (known) {
      try {
        const file = await this.#client.call('files.get', () =>
          this.#client.ai.files.get({ name: known.name, config: signal ? { abortSignal: signal } : {} }),
        );
        if (String(file.state) === 'ACTIVE') return known;
      } catch (err) {
        if (!(err instanceof AiProviderError) || err.retryable) throw err;
        // 404: expired or deleted; upload again.
      }
      this.#uploaded.forget(key);
    }
    const file = await this.#upload(videoPath, signal);
    let active: GeminiFile;
    try {
      active = await this.#waitUntilActive(file, this.#fileActiveTimeoutMs ?? activeTimeoutMs, signal);
      if (!active.uri) throw new AiProviderError('Gemini returned an uploaded file without a URI', 'unavailable');
    } catch (err) {
      await this.#deleteQuietly(file.name);
      throw err;
    }
    const entry = { name: file.name as string, uri: active.uri, mimeType: active.mimeType ?? this.#mimeType(videoPath) };
    this.#uploaded.remember(key, entry);
    return entry;
  }

  #mimeType(videoPath: string): string {
    return MIME_BY_EXT[path.extname(videoPath).toLowerCase()] ?? 'video/mp4';
  }

  async #upload(videoPath: string, signal: AbortSignal | undefined): Promise<GeminiFile> {
    const upload = this.#client.call('files.upload', () =>
      this.#client.ai.files.upload({
        file: videoPath,
        config: { mimeType: this.#mimeType(videoPath), displayName: `ajimi-${path.basename(videoPath)}` },
      }),
    );
    // The SDK cannot cancel an upload in flight; if we give up, delete the file once it lands.
    const file = await abortable(upload, signal, () => new AiProviderError('Gemini upload was aborted', 'timeout'), (late) => {
      late.then((f) => this.#deleteQuietly(f.name)).catch(() => undefined);
    });
    if (!file.name) throw new AiProviderError('Gemini returned an uploaded file without a name', 'unavailable');
    return file;
  }

  async #waitUntilActive(uploaded: GeminiFile, timeoutMs: number, signal: AbortSignal | undefined): Promise<GeminiFile> {
    const deadline = Date.now() + timeoutMs;
    let file = uploaded;
    for (;;) {
      const state = String(file.state ?? 'STATE_UNSPECIFIED');
      if (state === 'ACTIVE') return file;
      if (state === 'FAILED') {
        throw new AiProviderError(`Gemini could not process the video: ${file.error?.message ?? 'FAILED'}`, 'rejected');
      }
      if (Date.now() >= deadline) {
        throw new AiProviderError(`Gemini did not finish processing the video within ${timeoutMs} ms`, 'timeout');
      }
      try {
        await sleep(Math.min(this.#pollIntervalMs, Math.max(0, deadline - Date.now())), undefined, signal ? { signal } : {});
      } catch {
        throw new AiProviderError('Gemini analysis was aborted while the video was processing', 'timeout');
      }
      const name = uploaded.name as string;
      file = await this.#client.call('files.get', () =>
        this.#client.ai.files.get({ name, config: signal ? { abortSignal: signal } : {} }),
      );
    }
  }

  async #deleteQuietly(name: string | undefined): Promise<void> {
    if (!name) return;
    try {
      await this.#client.ai.files.delete({ name });
    } catch {
      // Best effort: the Files API deletes uploads after 48 hours anyway.
    }
  }
}
