import path from 'node:path';
import type { Knex } from 'knex';
import type { Config } from '../../config';
import { createGeminiGenerator, createGeminiVideoAnalyzer } from '../../providers/ai/create-gemini-providers';
import { createEmbeddingProvider } from '../../providers/embeddings/create-embedding-provider';
import { createWebPushSender } from '../../providers/push/web-push-sender';
import { openStorage } from '../../providers/storage/open-storage';
import { createSpeechToText } from '../../providers/stt/create-speech-to-text';
import { LocalVideoAnalyzer } from '../analysis/local-analyzer';
import { loadKnowledge } from '../knowledge/load-knowledge';
import type { PipelineDeps } from './pipeline-deps';

/** Production adapters where keys are configured, the offline implementations everywhere else. */
export async function createPipelineDeps(config: Config, knex: Knex): Promise<PipelineDeps> {
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
    push: createWebPushSender({ knex, subject: config.pushContact }),
    rubrics: new Map(knowledge.dishes.map((d) => [d.slug, d])),
    workDir: path.join(config.dataDir, 'work'),
  };
}
