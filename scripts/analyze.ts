/**
 * `npm run analyze -- FILE [--dish fried-rice] [--note "text"]`
 * Ingest + analyze any local video without a server or database, and print the AnalysisResult
 * as JSON: what the analyzer makes of your own footage. Offline provider unless GEMINI_API_KEY is set.
 * `npm run analyze -- --demo` generates a 60 s test video first.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@ajimi/core/config';
import { extractSignals } from '@ajimi/core/media/extract-signals';
import { isMediaError } from '@ajimi/core/media/media-error';
import { probePlayableVideo } from '@ajimi/core/media/probe-video';
import { generateTestVideo } from '@ajimi/core/media/testing/generate-test-video';
import { checkGeminiModels, createGeminiVideoAnalyzer } from '@ajimi/core/providers/ai/create-gemini-providers';
import { LocalVideoAnalyzer } from '@ajimi/core/services/analysis/local-analyzer';
import { loadKnowledge } from '@ajimi/core/services/knowledge/load-knowledge';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { dish: { type: 'string', default: 'fried-rice' }, note: { type: 'string' }, demo: { type: 'boolean', default: false } },
});
const timings: Record<string, number> = {};
const time = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[label] = Math.round(performance.now() - t0);
  }
};

let file = positionals[0];
if (values.demo) {
  file = path.join(os.tmpdir(), `ajimi-demo-${process.pid}.mp4`);
  await time('generate', () => generateTestVideo(file as string, { durationSec: 60 }));
}
if (!file) {
  console.error('Usage: npm run analyze -- FILE [--dish fried-rice] [--note "..."]   (or --demo)');
  process.exit(2);
}
const knowledge = await loadKnowledge();
const rubric = knowledge.dishes.find((d) => d.slug === values.dish);
if (!rubric) {
  console.error(`Unknown dish "${values.dish}". Known: ${knowledge.dishes.map((d) => d.slug).join(', ')}`);
  process.exit(2);
}
try {
  const probe = await time('probe', () => probePlayableVideo(file as string));
  const signals = await time('signals', () => extractSignals(file as string, { probe }));
  const config = loadConfig();
  // With GEMINI_API_KEY (+ GEMINI_BASE_URL for a stub): the model is checked first, then Gemini analyzes.
  if (config.gemini) await checkGeminiModels(config.gemini, (err) => console.warn(`could not check the Gemini model: ${err.message}`));
  const analyzer = config.gemini ? createGeminiVideoAnalyzer(config.gemini) : new LocalVideoAnalyzer();
  const principles = knowledge.principles
    .filter((p) => p.dishes.includes(rubric.slug))
    .map((p) => ({ slug: p.slug, title: p.title, addresses: p.addresses, why: p.why }));
  const result = await time('analyze', () =>
    analyzer.analyze({
      videoPath: file,
      signals,
      rubric,
      principles,
      learner: { name: 'you', attemptNumber: 1 },
      note: values.note ?? null,
      transcript: null,
      selfRatings: {},
    }),
  );
  console.log(JSON.stringify({ file, dish: rubric.slug, provider: analyzer.provenance, probe: { durationSec: probe.durationSec, width: probe.width, height: probe.height, hasAudio: probe.hasAudio, videoCodec: probe.videoCodec }, signalsMode: signals.sampling.mode, timingsMs: timings, result }, null, 2));
} catch (error) {
  if (isMediaError(error)) {
    console.error(`Not a usable video: ${error.messages.en} (${error.messages.ja})`);
    process.exit(1);
  }
  throw error;
}
