import type { z } from 'zod';
import type { AnalysisResult } from '../../domain/analysis';
import type { DishRubric } from '../../domain/rubric';
import type { VideoSignals } from '../../domain/signals';

/** What every AI output records next to itself. */
export interface Provenance {
  provider: 'local' | 'gemini';
  model: string;
  promptVersion: string;
}

export interface AnalyzeInput {
  /** The 720p proxy (Gemini uploads it); the local analyzer works from the signals. */
  videoPath: string | undefined;
  signals: VideoSignals;
  rubric: DishRubric;
  /** The dish's principles (title + addresses), so the diagnosis can use the knowledge base's words. */
  principles: Array<{ slug: string; title: { ja: string; en: string }; addresses: string[]; why?: { ja: string; en: string } }>;
  learner: { name: string; attemptNumber: number };
  note: string | null;
  transcript: string | null;
  selfRatings: Record<string, number>;
  signal?: AbortSignal | undefined;
  /**
   * Optional pre-built text summary of `signals` for the prompt. When absent, the Gemini analyzer
   * builds a compact one itself (summarizeSignals in core/src/media).
   */
  signalsSummary?: string | undefined;
}

export interface VideoAnalyzer {
  readonly provenance: Provenance;
  analyze(input: AnalyzeInput): Promise<AnalysisResult>;
}

/**
 * A prompt rendered from prompts/<id>/<version>: system instructions stay separate from user data
 * (a cook's note or question goes only into `user`, clearly delimited, never into `system`).
 */
export interface RenderedPrompt {
  id: string;
  version: string;
  system: string;
  user: string;
}

/** Structured text generation (coach text, narration script, chat replies), validated with zod. */
export interface StructuredGenerator {
  readonly provider: 'gemini';
  readonly model: string;
  generate<S extends z.ZodType>(prompt: RenderedPrompt, schema: S, signal?: AbortSignal): Promise<z.infer<S>>;
}

/** A failure from an AI provider, classified so the job knows whether retrying can help. */
export class AiProviderError extends Error {
  constructor(
    message: string,
    readonly kind: 'rate_limited' | 'unavailable' | 'timeout' | 'invalid_output' | 'rejected' | 'config',
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AiProviderError';
  }
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'unavailable' || this.kind === 'timeout';
  }
}
