import { describe, expect, it } from 'vitest';
import { makeScript } from '../../video/testing/fixtures';
import { applyReplacements, splitInstructions } from './script-instructions';
import { parseSendBack } from './send-back-operations';

describe('coach instructions for the offline drafter', () => {
  it('splits sentences but keeps quoted phrases whole', () => {
    expect(splitInstructions('音を強調して。「よし。」を「いいね！」に。Too long. Use 1.5 s.')).toEqual(['音を強調して', '「よし。」を「いいね！」に', 'Too long', 'Use 1.5 s']);
  });

  it('rephrases quoted phrases it finds and reports the ones it cannot', () => {
    const read = parseSendBack('「ジュッという音」を「ジュワッという音」に変えて。Replace "the sizzle" with "the hiss". 「存在しない」ではなく「何か」で。もっと楽しく。', []);
    const replacements = read.operations.flatMap(({ op, source }) => (op.kind === 'replace' ? [{ from: op.from, to: op.to, source }] : []));
    const { script, applied, notApplied } = applyReplacements(makeScript(), replacements);
    expect(JSON.stringify(script)).toContain('ジュワッという音');
    expect(JSON.stringify(script)).not.toContain('ジュッという音');
    expect(JSON.stringify(script)).toContain('the hiss');
    expect(applied.map((a) => a.kind)).toEqual(['replace', 'replace']);
    expect(notApplied).toEqual(['「存在しない」ではなく「何か」で']);
    expect(read.notUnderstood).toEqual(['もっと楽しく']);
  });
});
