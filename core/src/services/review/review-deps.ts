import type { Knex } from 'knex';
import type { StorageProvider } from '../../providers/storage/storage-provider';
import type { TextToSpeech } from '../../providers/tts/text-to-speech';
import type { JobQueue } from '../../queue/job-queue';
import type { ReviewSettings } from './review-items';

/** What the review services use; the API builds it once (see api/src/routes/console/reviews.ts). */
export interface ReviewDeps {
  knex: Knex;
  storage: StorageProvider;
  queue: JobQueue;
  settings: ReviewSettings;
  /** Lifetime of the signed media URLs handed to the console. */
  mediaUrlTtlSeconds: number;
  /** The same TTS (and cache) the render stage uses, for previews. */
  tts: TextToSpeech;
  /** Where the synthesised music and applause are made (the render stage's cache/render/audio). */
  synthCacheDir: string;
}
