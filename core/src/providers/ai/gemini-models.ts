import { ApiError } from '@google/genai';
import { AiProviderError } from './ai-provider';
import type { GeminiClient } from './gemini-client';
import { toAiProviderError } from './gemini-errors';

/**
 * The current GA model (Google's deprecations page, checked 2026-12: gemini-3.8-flash, 3.7-flash,
 * 3.6-flash, 3.5-flash, 3.5-flash-lite; the 2.5 and 2.0 models are shut down).
 */
export const DEFAULT_GEMINI_MODEL = 'gemini-3.8-flash';

/** Where Google lists shut-down models and their replacements; named in every "model not found" error. */
export const GEMINI_DEPRECATIONS_URL = 'https://ai.google.dev/gemini-api/docs/deprecations';

/**
 * The API version every Gemini call uses. The official REST reference documents the Files API only
 * under v1beta (https://ai.google.dev/api/files: POST /upload/v1beta/files, GET /v1beta/files/*),
 * and its generateContent, models.get and embedContent examples use v1beta too
 * (https://ai.google.dev/api/generate-content, https://ai.google.dev/api/models). @google/genai 3.x
 * defaults to v1, where /v1/files does not exist, so the version is pinned here instead of left to
 * the SDK.
 */
export const GEMINI_API_VERSION = 'v1beta';

/** Input limit of the current Flash models (https://ai.google.dev/gemini-api/docs/models: 1,048,576). */
export const GEMINI_INPUT_TOKEN_LIMIT = 1_048_576;

export interface GeminiModelInfo {
  name: string;
  inputTokenLimit: number;
}

/**
 * models.get for the configured model, at start: a retired or misspelled id fails here with a
 * clear message instead of on the first cook's video. GET /v1beta/models/{model}
 * (https://ai.google.dev/api/models#method:-models.get) answers 404 NOT_FOUND for an unknown or
 * shut-down id.
 */
export async function checkGeminiModel(client: GeminiClient, model: string): Promise<GeminiModelInfo> {
  try {
    const info = await client.ai.models.get({ model, config: { httpOptions: { apiVersion: GEMINI_API_VERSION } } });
    return { name: info.name ?? `models/${model}`, inputTokenLimit: info.inputTokenLimit ?? GEMINI_INPUT_TOKEN_LIMIT };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      throw new AiProviderError(
        `Gemini のモデル「${model}」は存在しないか、提供が終了しています。GEMINI_MODEL を現在のモデル（例: ${DEFAULT_GEMINI_MODEL}）に変えてください。一覧: ${GEMINI_DEPRECATIONS_URL}\n` +
          `Gemini model "${model}" does not exist or has been shut down. Set GEMINI_MODEL to a current model (e.g. ${DEFAULT_GEMINI_MODEL}); see ${GEMINI_DEPRECATIONS_URL}`,
        'config',
      );
    }
    throw toAiProviderError(err, `models.get(${model})`);
  }
}
