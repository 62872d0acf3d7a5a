import type { NarrationScript } from '../narration-script';

export const scriptLine = (ja: string, en: string) => ({ ja, en });

/** A short script that keeps every rule: for tests of the server's and the console's checks. */
export const VALID_NARRATION_SCRIPT: NarrationScript = {
  part1: { intro: scriptLine('導入。', 'Intro.'), principle: scriptLine('原則。', 'Principle.') },
  diagnosis: scriptLine('診断。', 'Diagnosis.'),
  pivot: scriptLine('見てみましょう。', "Let's look."),
  part2: [
    { offset: 0.5, text: scriptLine('見て。', 'Look.'), cue: 'sight' },
    { offset: 6, text: scriptLine('強火で。', 'High heat.'), cue: 'rule' },
  ],
};
