import type { Config } from '../../config';
import { AiProviderError } from './ai-provider';
import { GeminiVideoAnalyzer } from './gemini-analyzer';
import { createGeminiClient } from './gemini-client';
import { checkGeminiModel } from './gemini-models';
import type { GeminiModelInfo } from './gemini-models';
import { GeminiStructuredGenerator } from './gemini-structured';

export type GeminiConfig = NonNullable<Config['gemini']>;

/** Video analysis with GEMINI_VIDEO_MODEL (default GEMINI_MODEL). */
export function createGeminiVideoAnalyzer(gemini: GeminiConfig, options: { inputTokenLimit?: number } = {}): GeminiVideoAnalyzer {
  return new GeminiVideoAnalyzer({
    apiKey: gemini.apiKey,
    model: gemini.videoModel,
    baseUrl: gemini.baseUrl,
    timeoutMs: gemini.timeoutMs,
    ...(options.inputTokenLimit ? { inputTokenLimit: options.inputTokenLimit } : {}),
  });
}

/** Coach text, narration script and replies with GEMINI_TEXT_MODEL (default GEMINI_MODEL). */
export function createGeminiGenerator(gemini: GeminiConfig): GeminiStructuredGenerator {
  return new GeminiStructuredGenerator({ apiKey: gemini.apiKey, model: gemini.textModel, baseUrl: gemini.baseUrl, timeoutMs: gemini.timeoutMs });
}

/**
 * At start: models.get for every configured id. A shut-down or unknown id throws
 * AiProviderError('config') naming the deprecations page (the process should not start); an
 * outage is reported through `onUnreachable` and does not stop the start (the jobs retry later).
 */
export async function checkGeminiModels(
  gemini: GeminiConfig,
  onUnreachable: (err: AiProviderError) => void = () => undefined,
): Promise<Map<string, GeminiModelInfo>> {
  const found = new Map<string, GeminiModelInfo>();
  for (const model of new Set([gemini.videoModel, gemini.textModel])) {
    const client = createGeminiClient({ apiKey: gemini.apiKey, model, baseUrl: gemini.baseUrl, timeoutMs: Math.min(gemini.timeoutMs, 30_000) });
    try {
      found.set(model, await checkGeminiModel(client, model));
    } catch (err) {
      if (err instanceof AiProviderError && err.kind !== 'config') onUnreachable(err);
      else throw err;
    }
  }
  return found;
}
