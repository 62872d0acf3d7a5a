/**
 * `npm run analyze -- FILE [--dish fried-rice] [--note "text"] [--mode auto|full|keyframes]`
 * Ingest + analyze any local video without a server or database and print ONE JSON object:
 *   { result: AnalysisResult, signals: [{ t, motion, sizzle, frying, heat, obstructed, tooDark, ... } per second], meta }
 * Exit 0 for any playable video (also when the analyzer abstains: result.coachable false);
 * exit 1 with a one-line reason on stderr for a file that is not playable video; 2 for bad usage.
 * Offline provider unless GEMINI_API_KEY is set. `--demo` generates a 60 s test video first.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@ajimi/core/config';
import type { SignalsMode } from '@ajimi/core/media/extract-signals';
import { isMediaError } from '@ajimi/core/media/media-error';
import { generateTestVideo } from '@ajimi/core/media/testing/generate-test-video';
import { checkGeminiModels, createGeminiVideoAnalyzer } from '@ajimi/core/providers/ai/create-gemini-providers';
import { analyzeFile } from '@ajimi/core/services/analysis/analyze-file';
import { LocalVideoAnalyzer } from '@ajimi/core/services/analysis/local-analyzer';
import { loadKnowledge } from '@ajimi/core/services/knowledge/load-knowledge';

function usage(message: string): never {
  console.error(message);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      dish: { type: 'string', default: 'fried-rice' },
      note: { type: 'string' },
      mode: { type: 'string', default: 'auto' },
      demo: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  usage(`Usage: npm run analyze -- FILE [--dish fried-rice] [--note "..."] (${(error as Error).message})`);
}
const { values, positionals } = parsed;
if (!['auto', 'full', 'keyframes'].includes(values.mode)) usage(`--mode must be auto, full or keyframes (got "${values.mode}")`);

let file = positionals[0];
if (values.demo) {
  file = path.join(os.tmpdir(), `ajimi-demo-${process.pid}.mp4`);
  await generateTestVideo(file, { durationSec: 60 });
}
if (!file) usage('Usage: npm run analyze -- FILE [--dish fried-rice] [--note "..."]   (or --demo)');

const knowledge = await loadKnowledge();
const rubric = knowledge.dishes.find((d) => d.slug === values.dish);
if (!rubric) usage(`Unknown dish "${values.dish}". Known: ${knowledge.dishes.map((d) => d.slug).join(', ')}`);

try {
  const config = loadConfig();
  // With GEMINI_API_KEY (+ GEMINI_BASE_URL for a stub): the model is checked first, then Gemini analyzes.
  if (config.gemini) await checkGeminiModels(config.gemini, (err) => console.warn(`could not check the Gemini model: ${err.message}`));
  const analyzer = config.gemini ? createGeminiVideoAnalyzer(config.gemini) : new LocalVideoAnalyzer();
  const principles = knowledge.principles
    .filter((p) => p.dishes.includes(rubric.slug))
    .map((p) => ({ slug: p.slug, title: p.title, addresses: p.addresses, why: p.why }));
  const out = await analyzeFile(file, { analyzer, rubric, principles, note: values.note ?? null, mode: values.mode as SignalsMode });
  const { probe, signals } = out;
  process.stdout.write(
    `${JSON.stringify({
      result: out.result,
      signals: out.seconds,
      meta: {
        file,
        dish: rubric.slug,
        provider: analyzer.provenance,
        probe: { durationSec: probe.durationSec, width: probe.width, height: probe.height, hasAudio: probe.hasAudio, videoCodec: probe.videoCodec },
        sampling: signals.sampling,
        timingsMs: out.timingsMs,
      },
    })}\n`,
  );
} catch (error) {
  const reason = isMediaError(error) ? `${error.messages.en} (${error.messages.ja})` : error instanceof Error ? error.message : String(error);
  console.error(`Not a usable video: ${reason.replace(/\s+/g, ' ').trim()}`);
  process.exit(1);
}
