/**
 * `node --import tsx scripts/bench/dialogue.ts`
 * The offline dialogue manager on core/src/services/dialogue/eval/questions.json: which intent it
 * chose, whether the answer addressed the question (answered, or handed to a coach when the set
 * expects that, and mentions one of the expected words), and the reply time. Each question is
 * asked about a session of its dish (core/src/services/dialogue/testing/sample-session.ts, diagnosed
 * with the dish's first watchFor finding), with the dish's principles from knowledge/.
 */
import fs from 'node:fs';
import { answerFollowUp } from '../../core/src/services/dialogue/answer-follow-up';
import { sampleSession } from '../../core/src/services/dialogue/testing/sample-session';
import { principleFromFile } from '../../core/src/services/dialogue/to-dialogue-principle';
import { loadKnowledge } from '../../core/src/services/knowledge/load-knowledge';

interface EvalQuestion { q: string; dish: string; intent: string; expect?: 'answer' | 'coach'; mention: string[] }
const questions = JSON.parse(fs.readFileSync(new URL('../../core/src/services/dialogue/eval/questions.json', import.meta.url), 'utf8')) as EvalQuestion[];
const verbose = process.argv.includes('--verbose');

const knowledge = await loadKnowledge();
const dishes = knowledge.dishes.map((d) => ({ slug: d.slug, name: d.name }));
const principles = knowledge.principles.map(principleFromFile);
let intentOk = 0, addressed = 0, answered = 0, handedOver = 0;
const times: number[] = [];
for (const item of questions) {
  const rubric = knowledge.dishes.find((d) => d.slug === item.dish)!;
  const started = performance.now();
  const reply = answerFollowUp({
    question: item.q, learnerName: 'Aki', dishes,
    principles: principles.filter((p) => p.dishes.includes(item.dish) || p.dishes.length === 0),
    session: sampleSession({ slug: rubric.slug, name: rubric.name }, rubric.watchFor[0]!),
  });
  times.push(performance.now() - started);
  const expectCoach = item.expect === 'coach';
  const mentions = item.mention.some((m) => reply.body.toLowerCase().includes(m.toLowerCase()));
  const ok = (expectCoach ? !reply.answered : reply.answered) && mentions;
  if (reply.intent === item.intent || (expectCoach && !reply.answered)) intentOk++;
  if (ok) addressed++;
  if (reply.answered) answered++; else handedOver++;
  if (verbose || !ok) console.log(`${ok ? 'ok ' : 'MISS'} [${reply.intent}${reply.intent === item.intent ? '' : ` ≠ ${item.intent}`}${reply.answered ? '' : ` → coach:${reply.handOverReason}`}] ${item.q}\n     ${reply.body.replace(/\n/g, ' | ').slice(0, 220)}`);
}
const sorted = [...times].sort((a, b) => a - b);
const pct = (n: number) => `${((100 * n) / questions.length).toFixed(0)} % (${n}/${questions.length})`;
console.log(`\nquestions: ${questions.length} (${questions.filter((q) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(q.q)).length} Japanese)`);
console.log(`intent chosen as expected: ${pct(intentOk)}`);
console.log(`answer addressed the question: ${pct(addressed)}`);
console.log(`answered: ${answered}, handed to a coach: ${handedOver}`);
console.log(`reply time: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms (offline, after knowledge load)`);
