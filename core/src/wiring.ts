/**
 * The one wiring: every provider is built here, from the configuration, and nowhere else. The API
 * and the worker entry points call it; routes, services and job handlers get what they need injected.
 */
import path from 'node:path';
import type { Knex } from 'knex';
import type { Config } from './config';
import type { StructuredGenerator, VideoAnalyzer } from './providers/ai/ai-provider';
import { createGeminiGenerator, createGeminiVideoAnalyzer } from './providers/ai/create-gemini-providers';
import { createEmbeddingProvider } from './providers/embeddings/create-embedding-provider';
import type { EmbeddingProvider } from './providers/embeddings/embedding-provider';
import { createQueuedPushSender } from './providers/push/queued-push-sender';
import { createWebPushSender, type PushSender } from './providers/push/web-push-sender';
import type { JobQueue } from './queue/job-queue';
import type { GcsStorage } from './providers/storage/gcs-storage';
import type { LocalStorage } from './providers/storage/local-storage';
import { openStorage } from './providers/storage/open-storage';
import { createSpeechToText } from './providers/stt/create-speech-to-text';
import type { SpeechToText } from './providers/stt/speech-to-text';
import { createTextToSpeech, textToSpeechConfig } from './providers/tts/create-text-to-speech';
import type { TextToSpeech } from './providers/tts/text-to-speech';
import { LocalVideoAnalyzer } from './services/analysis/local-analyzer';
import { loadKnowledge } from './services/knowledge/load-knowledge';
import type { RenderDeps } from './services/pipeline/render-coaching-video';

/** Every outside-world adapter the product uses: production ones where keys are configured, the offline defaults elsewhere. */
export interface Providers {
  storage: LocalStorage | GcsStorage;
  analyzer: VideoAnalyzer;
  /** Gemini for the coaching text, script and replies when configured; null = the offline composers. */
  generator: StructuredGenerator | null;
  embeddings: EmbeddingProvider;
  tts: TextToSpeech;
  stt: SpeechToText | null;
  /** How stages notify a cook: through the push queue when the worker has one, else directly. */
  push: PushSender;
  /** Talks to the push services directly: used by the push queue's handler. */
  webPush: PushSender;
}

/** Where the processes keep scratch files and caches, under the data dir. */
export function dataDirs(config: Config) {
  const cache = path.join(config.dataDir, 'cache');
  return {
    work: path.join(config.dataDir, 'work'),
    uploads: path.join(config.dataDir, 'uploads'),
    ttsCache: path.join(cache, 'tts'),
    renderCache: path.join(cache, 'render'),
    /** The synthesised music and applause, shared by renders and previews. */
    synthCache: path.join(cache, 'render', 'audio'),
  };
}

/**
 * With a queue, notifications go through the push queue (sent in parallel by their own job) instead
 * of inside the stage; `webPush` is the direct sender that job uses.
 */
export async function createProviders(config: Config, knex: Knex, options: { pushQueue?: JobQueue } = {}): Promise<Providers> {
  const gemini = config.gemini;
  const webPush = createWebPushSender({ knex, subject: config.pushContact });
  const stt = createSpeechToText(config.speech ? { apiKey: config.speech.apiKey, ...(config.speech.apiEndpoint ? { apiEndpoint: config.speech.apiEndpoint } : {}) } : undefined);
  const ttsCache = dataDirs(config).ttsCache;
  return {
    storage: await openStorage(config, knex),
    analyzer: gemini ? createGeminiVideoAnalyzer(gemini) : new LocalVideoAnalyzer(),
    generator: gemini ? createGeminiGenerator(gemini) : null,
    embeddings: createEmbeddingProvider({
      ...(gemini ? { geminiApiKey: gemini.apiKey, baseUrl: gemini.baseUrl } : {}),
      ...(config.embeddingModel ? { embeddingModel: config.embeddingModel } : {}),
    }),
    tts: createTextToSpeech(textToSpeechConfig(config, ttsCache)),
    stt: stt.provider === 'none' ? null : stt,
    push: options.pushQueue ? createQueuedPushSender(options.pushQueue) : webPush,
    webPush,
  };
}

/** What the worker's stages use: the providers, the dish rubrics and the scratch and cache dirs. */
export async function createPipelineDeps(config: Config, knex: Knex, providers?: Providers, options: { pushQueue?: JobQueue } = {}): Promise<RenderDeps> {
  const p = providers ?? (await createProviders(config, knex, options));
  const knowledge = await loadKnowledge();
  const dirs = dataDirs(config);
  return {
    knex,
    ...p,
    rubrics: new Map(knowledge.dishes.map((d) => [d.slug, d])),
    workDir: dirs.work,
    uploadDir: dirs.uploads,
    renderCacheDir: dirs.renderCache,
  };
}
