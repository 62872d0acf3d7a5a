/**
 * `node --import tsx scripts/bench/gemini-cost.ts` — Gemini cost per coached video at current
 * prices, for 5-, 30- and 60-minute videos: tokens × price, per call.
 *
 * Prices: gemini-3.8-flash, paid tier, $0.75 per 1M input tokens (text, image, video), $3.75 per
 * 1M output tokens (thinking included), launch prices "through December 31, 2026"
 * (https://ai.google.dev/gemini-api/docs/pricing, as transcribed on 2026-09-20/10-07; the model
 * page lists the same $0.75 / $3.75). Change PRICE below when the page changes.
 *
 * Tokens:
 * - video: planVideoRequest, the analyzer's own plan (≈300 tokens/s at default resolution, ≈100 at
 *   low, https://ai.google.dev/gemini-api/docs/video-understanding); 5 min stays at default, 30 and
 *   60 min switch to low resolution to fit the 1,048,576-token input limit;
 * - prompts: the real rendered prompts (analyze with a signals summary for that duration, coach
 *   text, narration script), counted as UTF-8 bytes / 3 (≈1 token per Japanese character, an
 *   overestimate for English);
 * - output: the JSON the schemas ask for (the test fixtures' sizes) plus an assumed THINKING_TOKENS
 *   per call (Gemini 3 thinks by default and bills thoughts as output).
 * The repair round (only on invalid output) and retries are not counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { planVideoRequest } from '../../core/src/providers/ai/gemini-video-plan';
import { renderAnalyzePrompt } from '../../core/src/providers/ai/prompt-inputs';
import { latestPromptVersion } from '../../core/src/providers/ai/prompts';
import { makeAnalyzeInput, makeSignals, validAnalysis } from '../../core/src/providers/ai/testing/fixtures';

const PRICE = { model: 'gemini-3.8-flash', inputPerM: 0.75, outputPerM: 3.75, source: 'https://ai.google.dev/gemini-api/docs/pricing' };
const THINKING_TOKENS = 2_000;
/** Principles, learner history and session facts that fill a text prompt: ~1,000 tokens (as bytes). */
const FILL_BYTES = 3_000;
const tokensOf = (text: string) => Math.ceil(Buffer.byteLength(text) / 3);

const coachOutput = JSON.stringify({
  problem: { ja: '具材を入れた瞬間の音が弱く、鍋が冷えていました。'.repeat(2), en: 'The sizzle was weak; the pan was cold.'.repeat(2) },
  skill: { ja: '鍋を十分に熱してから具材を入れる。', en: 'Heat the pan fully before the food goes in.' },
  nextSteps: Array(3).fill({ ja: '鍋を2分予熱する。', en: 'Preheat the pan for 2 minutes.' }),
  successSigns: Array(2).fill({ ja: '入れた瞬間にジュワッと鳴る。', en: 'A loud sizzle the instant it goes in.' }),
});
const narrationOutput = JSON.stringify({
  part1: Array(4).fill({ ja: 'チャーハンのセッションです。鍋をしっかり熱してから油を入れましょう。', en: 'Your fried rice session. Heat the pan before the oil.' }),
  part2: Array(5).fill({ offset: 1, text: { ja: '音を聞いてください。ジュワッという音が合図です。', en: 'Listen for the sizzle.' }, cue: 'sound' }),
});

interface Call {
  name: string;
  input: number;
  output: number;
}

function callsFor(minutes: number): { calls: Call[]; plan: ReturnType<typeof planVideoRequest> } {
  const seconds = minutes * 60;
  const plan = planVideoRequest(seconds);
  const analyzePrompt = renderAnalyzePrompt(makeAnalyzeInput({ signals: makeSignals(seconds) }));
  const analysisJson = JSON.stringify(validAnalysis());
  // The text prompts' templates plus what fills them: the analysis, and ~1,000 tokens of principles and history.
  const template = (id: string) => fs.readFileSync(path.join('prompts', id, `${latestPromptVersion(id)}.md`), 'utf8');
  return {
    plan,
    calls: [
      { name: 'analyze (video)', input: plan.videoTokens + tokensOf(analyzePrompt.system + analyzePrompt.user), output: tokensOf(analysisJson) + THINKING_TOKENS },
      { name: 'coach-text', input: tokensOf(template('coach-text') + analysisJson) + FILL_BYTES / 3, output: tokensOf(coachOutput) + THINKING_TOKENS },
      { name: 'narrate', input: tokensOf(template('narrate') + analysisJson) + FILL_BYTES / 3, output: tokensOf(narrationOutput) + THINKING_TOKENS },
    ],
  };
}

const usd = (n: number) => `$${n.toFixed(4)}`;
console.log(`Gemini cost per coached video — ${PRICE.model}: $${PRICE.inputPerM}/1M input, $${PRICE.outputPerM}/1M output (${PRICE.source})`);
console.log(`assumed thinking per call: ${THINKING_TOKENS} output tokens; text tokens ≈ UTF-8 bytes / 3\n`);
for (const minutes of [5, 30, 60]) {
  const { calls, plan } = callsFor(minutes);
  const resolution = plan.mediaResolution ?? 'default';
  console.log(`${minutes} min video (media resolution ${resolution}, ${plan.fps} fps, ${plan.videoTokens.toLocaleString('en-US')} video tokens):`);
  let total = 0;
  for (const c of calls) {
    const cost = (c.input * PRICE.inputPerM + c.output * PRICE.outputPerM) / 1e6;
    total += cost;
    console.log(`  ${c.name.padEnd(16)} in ${c.input.toLocaleString('en-US').padStart(9)}  out ${c.output.toLocaleString('en-US').padStart(6)}  ${usd(cost)}`);
  }
  console.log(`  total ${usd(total)} per video\n`);
}
