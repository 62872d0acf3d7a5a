/**
 * `node --import tsx scripts/bench/send-back.ts [--verbose]`
 * The offline drafter on core/src/services/coaching/eval/send-back-instructions.json: for each
 * typical send-back instruction, whether it read the operations expected and whether the redraft
 * applied them all (a changed draft, nothing left for hand editing). Instructions with no
 * operation (tone, new content) count against the applied share: they are for hand editing.
 */
import { EVAL_INSTRUCTIONS, evaluateSendBack } from '../../core/src/services/coaching/eval/send-back-fixture';

const verbose = process.argv.includes('--verbose');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
for (const set of ['dev', 'held-out'] as const) {
  const started = performance.now();
  const result = evaluateSendBack(EVAL_INSTRUCTIONS.filter((i) => i.set === set));
  const ms = performance.now() - started;
  console.log(`\n== ${set} set ==`);
  for (const row of result.rows) {
    if (verbose || (!row.applied && row.expected !== null) || !row.readRight) {
      console.log(`${row.applied ? 'applied ' : row.readRight ? 'read    ' : 'misread '} ${row.text}${row.readRight ? '' : `\n           read ${JSON.stringify(row.read)}\n           want ${JSON.stringify(row.expected)}`}`);
    }
  }
  const operable = result.rows.filter((r) => r.expected !== null);
  console.log(`instructions: ${result.rows.length} (${operable.length} with an operation, ${result.rows.length - operable.length} for hand editing)`);
  console.log(`read as expected: ${pct(result.readShare)}`);
  console.log(`applied (all instructions): ${pct(result.appliedShare)}`);
  console.log(`applied (instructions with an operation): ${pct(operable.filter((r) => r.applied).length / operable.length)}`);
  console.log(`hand-editing instructions left alone: ${pct(result.handEditHonest)}`);
  console.log(`time: ${(ms / result.rows.length).toFixed(1)} ms per redraft`);
}
