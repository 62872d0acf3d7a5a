import type { z } from 'zod';
import type { RenderedPrompt, StructuredGenerator } from './ai-provider';
import { createGeminiClient } from './gemini-client';
import type { GeminiClient, GeminiClientOptions } from './gemini-client';
import { generateJson } from './generate-json';
import { toGeminiJsonSchema } from './json-schema';
import { promptRef } from './prompts';

export interface GeminiStructuredOptions extends GeminiClientOptions {
  /** Sampling temperature; unset keeps Gemini 3's recommended default (1.0). */
  temperature?: number | undefined;
}

/**
 * Text-only structured generation with Gemini (coach text, narration script, chat replies):
 * the prompt's SYSTEM part goes in as systemInstruction, USER as the user turn; the zod schema is
 * sent as responseJsonSchema and validated on the way back, with one repair retry. Failures are
 * AiProviderError (rate_limited / unavailable / timeout / rejected / invalid_output / config).
 * Record `${prompt.id}/${prompt.version}` (promptRef) next to what you store.
 */
export class GeminiStructuredGenerator implements StructuredGenerator {
  readonly provider = 'gemini' as const;
  readonly model: string;
  readonly #client: GeminiClient;
  readonly #temperature: number | undefined;
  readonly #schemas = new WeakMap<z.ZodType, Record<string, unknown>>();

  constructor(options: GeminiStructuredOptions) {
    this.#client = createGeminiClient(options);
    this.model = options.model;
    this.#temperature = options.temperature;
  }

  async generate<S extends z.ZodType>(prompt: RenderedPrompt, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
    let jsonSchema = this.#schemas.get(schema);
    if (!jsonSchema) {
      jsonSchema = toGeminiJsonSchema(schema);
      this.#schemas.set(schema, jsonSchema);
    }
    return generateJson(this.#client, {
      what: promptRef(prompt),
      system: prompt.system,
      userParts: [{ text: prompt.user }],
      schema,
      jsonSchema,
      temperature: this.#temperature,
      signal,
    });
  }
}
