/**
 * `npm run render:demo -- OUT.mp4 [--video FILE] [--locale ja|en] [--dish fried-rice] [--name NAME] [--spec SPEC.json]`
 * A complete coaching video, offline: no server, no database. Generates a test cooking video
 * (unless --video is given), extracts the signals, analyzes them with the local analyzer and the
 * dish rubric in knowledge/, composes the narration script, synthesizes it (espeak-ng, or Google
 * Cloud TTS with TTS_PROVIDER=google + GOOGLE_TTS_API_KEY [+ GOOGLE_TTS_API_ENDPOINT]), lays
 * out the timeline spec and renders it with FFmpeg; prints where the MP4 went and each step's time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { extractSignals } from '@ajimi/core/media/extract-signals';
import { isMediaError } from '@ajimi/core/media/media-error';
import { probePlayableVideo } from '@ajimi/core/media/probe-video';
import { generateTestVideo } from '@ajimi/core/media/testing/generate-test-video';
import { loadConfig } from '@ajimi/core/config';
import { createTextToSpeech, textToSpeechConfig } from '@ajimi/core/providers/tts/create-text-to-speech';
import { renderVideo } from '@ajimi/core/render/render-video';
import { LocalVideoAnalyzer } from '@ajimi/core/services/analysis/local-analyzer';
import { composeNarrationScript } from '@ajimi/core/services/coaching/narration-script';
import { loadKnowledge } from '@ajimi/core/services/knowledge/load-knowledge';
import { buildTimeline } from '@ajimi/core/video/build-timeline';
import { footageHints } from '@ajimi/core/video/footage-hints';
import { specToRenderInput } from '@ajimi/core/video/spec-to-render-input';
import { describeTimelineIssues, formatBilingual } from '@ajimi/core/video/timeline-messages';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    video: { type: 'string' },
    locale: { type: 'string', default: 'ja' },
    dish: { type: 'string', default: 'fried-rice' },
    name: { type: 'string' },
    spec: { type: 'string' },
  },
});
const out = positionals[0];
const locale = values.locale;
if (!out || (locale !== 'ja' && locale !== 'en')) {
  console.error('Usage: npm run render:demo -- OUT.mp4 [--video FILE] [--locale ja|en] [--dish fried-rice] [--name NAME]');
  process.exit(2);
}
const outPath = path.resolve(out);
const learnerName = values.name ?? (locale === 'ja' ? 'あいこ' : 'Aiko');

const timings: Array<[string, number]> = [];
const time = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings.push([label, Math.round(performance.now() - t0)]);
  }
};

const knowledge = await loadKnowledge();
const rubric = knowledge.dishes.find((d) => d.slug === values.dish);
if (!rubric) {
  console.error(`Unknown dish "${values.dish}". Known: ${knowledge.dishes.map((d) => d.slug).join(', ')}`);
  process.exit(2);
}
const dishPrinciples = knowledge.principles.filter((p) => p.dishes.includes(rubric.slug));
const core = knowledge.principles.find((p) => p.slug === rubric.corePrinciple);
if (!core) {
  console.error(`The core principle "${rubric.corePrinciple}" of ${rubric.slug} is not in knowledge/principles/`);
  process.exit(2);
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-render-demo-'));
const cacheRoot = path.join(os.tmpdir(), 'ajimi-render-cache');
try {
  let video = values.video ? path.resolve(values.video) : path.join(workDir, 'cook.mp4');
  if (!values.video) {
    // 75 s at 720p: the oil heats, the ingredients go in at 0:30 and the pan was not hot enough.
    await time('generate', () => generateTestVideo(video, { durationSec: 75, width: 1280, height: 720, sizzle: 'weak', events: { addAt: 30 } }));
  }
  video = path.resolve(video);

  const probe = await time('probe', () => probePlayableVideo(video));
  const signals = await time('signals', () => extractSignals(video, { probe }));
  const analysis = await time('analyze', () =>
    new LocalVideoAnalyzer().analyze({
      videoPath: video,
      signals,
      rubric,
      principles: dishPrinciples.map((p) => ({ slug: p.slug, title: p.title, addresses: p.addresses, why: p.why })),
      learner: { name: learnerName, attemptNumber: 1 },
      note: null,
      transcript: null,
      selfRatings: {},
    }),
  );
  const moment = analysis.keyMoments[0];
  if (!moment || !analysis.diagnosis) throw new Error(`the analyzer could not coach this clip: ${analysis.abstain?.message.en ?? 'no key moment'}`);
  const diagnosis = analysis.diagnosis;

  const focus = dishPrinciples.find((p) => p.slug !== core.slug && p.addresses.includes(diagnosis.code)) ?? null;
  const script = await time('script', async () =>
    composeNarrationScript({
      learnerName,
      attemptNumber: 1,
      dish: rubric.name,
      corePrinciple: { title: core.title, skill: core.skill },
      focusPrinciple: focus ? { title: focus.title, nextAction: focus.next_action } : null,
      analysis,
      keyMoment: moment,
    }),
  );

  // TTS_PROVIDER / GOOGLE_TTS_API_KEY / GOOGLE_TTS_API_ENDPOINT select Cloud TTS; espeak-ng otherwise.
  const tts = createTextToSpeech(textToSpeechConfig(loadConfig(), path.join(cacheRoot, 'tts')));
  console.log(`narration: ${tts.provider} (${tts.voice})`);
  const audio = new Map<string, string>();
  const built = await time('tts', () =>
    buildTimeline({
      script,
      keyMoment: { start: moment.start, end: moment.end, at: moment.at },
      source: { durationSec: probe.durationSec, hasAudio: probe.hasAudio },
      footage: footageHints(analysis, signals, moment, probe),
      learnerName,
      dish: rubric.name,
      locale,
      tts: async (text, lang) => {
        const speech = await tts.synthesize(text, { lang });
        audio.set(speech.key, speech.audioPath);
        return { key: speech.key, durationSec: speech.durationSec };
      },
    }),
  );
  if (!built.ok) {
    throw new Error(`${formatBilingual(describeTimelineIssues(built.issues))}\n${built.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  }
  if (values.spec) fs.writeFileSync(path.resolve(values.spec), JSON.stringify(built.spec, null, 2));
  for (const a of built.spec.adjustments ?? []) console.log(`adjusted: ${a[locale]}`);
  const input = specToRenderInput(built.spec, {
    sourceVideoPath: video,
    audioPath: (key) => {
      const file = audio.get(key);
      if (!file) throw new Error(`no synthesized audio for ${key}`);
      return file;
    },
  });
  let lastShown = -1;
  const rendered = await time('render', () =>
    renderVideo(input, {
      cacheDir: path.join(cacheRoot, 'render'),
      workDir,
      outputPath: outPath,
      onProgress: (f) => {
        const pct = Math.floor(f * 10) * 10;
        if (pct > lastShown) {
          lastShown = pct;
          process.stderr.write(`render ${pct}%\n`);
        }
      },
    }),
  );

  const total = timings.reduce((s, [, ms]) => s + ms, 0);
  console.log(`Wrote ${rendered.path} (${rendered.durationSec.toFixed(1)} s, poster ${rendered.posterPath})`);
  console.log(`Source ${values.video ? video : 'generated test video'} (${probe.durationSec.toFixed(1)} s, ${probe.width}x${probe.height}, ${probe.hasAudio ? 'with' : 'no'} audio); diagnosis ${diagnosis.code}; key moment ${moment.start.toFixed(1)}–${moment.end.toFixed(1)} s; locale ${locale}`);
  console.log(`Segments: ${rendered.segments.map((s, i) => `${built.spec.segments[i]!.kind} ${(s.ms / 1000).toFixed(1)} s${s.cached ? ' (cached)' : ''}`).join(', ')}`);
  console.log('Timings:');
  for (const [label, ms] of timings) console.log(`  ${label.padEnd(9)} ${(ms / 1000).toFixed(2)} s`);
  console.log(`  ${'total'.padEnd(9)} ${(total / 1000).toFixed(2)} s`);
} catch (error) {
  if (isMediaError(error)) {
    console.error(`Not a usable video: ${error.messages.en} (${error.messages.ja})`);
    process.exit(1);
  }
  throw error;
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
}
