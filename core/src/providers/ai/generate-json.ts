import type { Content, GenerateContentResponse, MediaResolution, Part } from '@google/genai';
import type { z } from 'zod';
import { AiProviderError } from './ai-provider';
import type { GeminiClient } from './gemini-client';
import { toGeminiJsonSchema } from './json-schema';

export interface GenerateJsonRequest<S extends z.ZodType> {
  /** Names the call in error messages, e.g. "analyze/v1". */
  what: string;
  system: string;
  /** The user turn: media parts first, then the rendered USER text. */
  userParts: Part[];
  schema: S;
  /** Defaults to toGeminiJsonSchema(schema). */
  jsonSchema?: Record<string, unknown>;
  /**
   * Leave unset for Gemini 3 models: Google's Gemini 3 guide asks to keep the default sampling
   * (temperature 1.0); lower values can make the model loop or reason worse
   * (https://ai.google.dev/gemini-api/docs/gemini-3#temperature).
   */
  temperature?: number | undefined;
  /** generationConfig.mediaResolution for the video part (see planVideoRequest). */
  mediaResolution?: MediaResolution | undefined;
  /** Deadline for each generateContent call, sized by the caller (default: the client's). */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Finish reasons that mean the model refused or was stopped for policy reasons (no point repairing). */
const BLOCKING_FINISH = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'LANGUAGE']);

/** Strips a ```json fence some models add despite responseMimeType, then parses and validates. */
export function parseJsonOutput<S extends z.ZodType>(text: string, schema: S): ParseOutcome<z.infer<S>> {
  const trimmed = text
    .trim()
    .replace(/^```(?:json)?\s*\n?/i, '')
    .replace(/\n?```\s*$/, '')
    .trim();
  if (!trimmed) return { ok: false, problems: ['The output was empty. / 出力が空でした。'] };
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch (err) {
    return { ok: false, problems: [`The output is not valid JSON: ${(err as Error).message} / JSON として読めません。`] };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data as z.infer<S> };
  const problems = parsed.error.issues.slice(0, 25).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  if (parsed.error.issues.length > 25) problems.push(`… and ${parsed.error.issues.length - 25} more`);
  return { ok: false, problems };
}

export function repairInstruction(problems: string[]): string {
  return [
    '直前の出力は指定の JSON スキーマに合っていませんでした。次の問題をすべて直し、修正した JSON だけを返してください（説明やコードブロックは不要）。',
    'Your previous output did not match the required JSON schema. Fix every problem below and return only the corrected JSON (no explanation, no code fence).',
    '',
    ...problems.map((p) => `- ${p}`),
  ].join('\n');
}

function responseText(response: GenerateContentResponse, what: string): string {
  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason) {
    throw new AiProviderError(`Gemini ${what}: the prompt was blocked (${blockReason})`, 'rejected');
  }
  const candidate = response.candidates?.[0];
  const finish = candidate?.finishReason;
  if (finish && BLOCKING_FINISH.has(String(finish))) {
    throw new AiProviderError(`Gemini ${what}: the answer was stopped (${finish})`, 'rejected');
  }
  return (candidate?.content?.parts ?? [])
    .filter((p) => typeof p.text === 'string' && !p.thought)
    .map((p) => p.text)
    .join('');
}

/**
 * generateContent with a JSON response schema, validated with zod. On invalid JSON or a schema
 * violation it asks ONCE for a repair (the bad output goes back as the model's turn, followed by
 * the validation problems); a second failure is AiProviderError('invalid_output').
 */
export async function generateJson<S extends z.ZodType>(client: GeminiClient, req: GenerateJsonRequest<S>): Promise<z.infer<S>> {
  const responseJsonSchema = req.jsonSchema ?? toGeminiJsonSchema(req.schema);
  const contents: Content[] = [{ role: 'user', parts: req.userParts }];
  const ask = async (): Promise<string> => {
    const response = await client.call(req.what, () =>
      client.ai.models.generateContent({
        model: client.model,
        contents,
        config: {
          systemInstruction: req.system,
          responseMimeType: 'application/json',
          responseJsonSchema,
          ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
          ...(req.mediaResolution ? { mediaResolution: req.mediaResolution } : {}),
          ...(req.timeoutMs ? { httpOptions: { timeout: req.timeoutMs } } : {}),
          ...(req.signal ? { abortSignal: req.signal } : {}),
        },
      }),
    );
    return responseText(response, req.what);
  };

  const first = await ask();
  const firstParsed = parseJsonOutput(first, req.schema);
  if (firstParsed.ok) return firstParsed.value;

  contents.push(
    { role: 'model', parts: [{ text: first || '(empty)' }] },
    { role: 'user', parts: [{ text: repairInstruction(firstParsed.problems) }] },
  );
  const second = await ask();
  const secondParsed = parseJsonOutput(second, req.schema);
  if (secondParsed.ok) return secondParsed.value;
  throw new AiProviderError(
    `Gemini ${req.what} returned invalid output twice: ${secondParsed.problems.slice(0, 5).join('; ')}`,
    'invalid_output',
  );
}
