import path from 'node:path';
import type { Knex } from 'knex';
import type { Config } from '../../config';
import { createGeminiGenerator, createGeminiVideoAnalyzer } from '../../providers/ai/create-gemini-providers';
import { createEmbeddingProvider } from '../../providers/embeddings/create-embedding-provider';
import { createWebPushSender } from '../../providers/push/web-push-sender';
import { createQueuedPushSender } from '../../providers/push/queued-push-sender';
import type { JobQueue } from '../../queue/job-queue';
import { openStorage } from '../../providers/storage/open-storage';
import { createSpeechToText } from '../../providers/stt/create-speech-to-text';
import { LocalVideoAnalyzer } from '../analysis/local-analyzer';
import { loadKnowledge } from '../knowledge/load-knowledge';
import type { PipelineDeps } from './pipeline-deps';

/**
 * Production adapters where keys are configured, the offline implementations everywhere else.
 * With a queue, notifications go through the push queue instead of being sent inside the stage.
 */
export async function createPipelineDeps(config: Config, knex: Knex, pushQueue?: JobQueue): Promise<PipelineDeps> {
  const webPush = createWebPushSender({ knex, subject: config.pushContact });
  const gemini = config.gemini;
  const knowledge = await loadKnowledge();
  const stt = createSpeechToText(config.speech ? { apiKey: config.speech.apiKey, ...(config.speech.apiEndpoint ? { apiEndpoint: config.speech.apiEndpoint } : {}) } : undefined);
  return {
    knex,
    storage: await openStorage(config, knex),
    analyzer: gemini
      ? createGeminiVideoAnalyzer(gemini)
      : new LocalVideoAnalyzer(),
    generator: gemini ? createGeminiGenerator(gemini) : null,
    embeddings: createEmbeddingProvider({
      ...(gemini ? { geminiApiKey: gemini.apiKey, baseUrl: gemini.baseUrl } : {}),
      ...(config.embeddingModel ? { embeddingModel: config.embeddingModel } : {}),
    }),
    stt: stt.provider === 'none' ? null : stt,
    push: pushQueue ? createQueuedPushSender(pushQueue) : webPush,
    webPush,
    rubrics: new Map(knowledge.dishes.map((d) => [d.slug, d])),
    workDir: path.join(config.dataDir, 'work'),
  };
}
