import type { Knex } from 'knex';
import type { SendToStage } from '../../pipeline/definition';
import type { Logger } from '../../logger';
import type { DishRubric } from '../../domain/rubric';
import type { StructuredGenerator, VideoAnalyzer } from '../../providers/ai/ai-provider';
import type { EmbeddingProvider } from '../../providers/embeddings/embedding-provider';
import type { PushSender } from '../../providers/push/web-push-sender';
import type { StorageProvider } from '../../providers/storage/storage-provider';
import type { SpeechToText } from '../../providers/stt/speech-to-text';

/** Everything the stages use, built once per worker from the configuration. */
export interface PipelineDeps {
  knex: Knex;
  storage: StorageProvider;
  analyzer: VideoAnalyzer;
  /** Gemini for the coaching text, script and replies when configured; null = the offline composers. */
  generator: StructuredGenerator | null;
  embeddings: EmbeddingProvider;
  stt: SpeechToText | null;
  push: PushSender;
  /** Talks to the push services directly: used by the push queue's handler (push hands work to that queue). */
  webPush?: PushSender;
  rubrics: Map<string, DishRubric>;
  /** Scratch space for media work; each stage cleans up after itself. */
  workDir: string;
  /** Where the API keeps unfinished uploads on local disk (Cook Cam's live signals read them); absent: not readable here. */
  uploadDir?: string;
}

/** What a stage gets from the job running it. */
export interface StageContext {
  logger: Logger;
  signal: AbortSignal;
  send: SendToStage;
}
