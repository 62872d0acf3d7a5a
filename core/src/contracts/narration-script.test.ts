import { describe, expect, it } from 'vitest';
import { narrationScriptIssues, narrationScriptSchema } from './narration-script';
import { scriptLine, VALID_NARRATION_SCRIPT } from './testing/narration-script-fixture';

const line = scriptLine;
const base = VALID_NARRATION_SCRIPT;

describe('narration script rules', () => {
  it('accepts a valid script', () => {
    expect(narrationScriptSchema.safeParse(base).success).toBe(true);
    expect(narrationScriptIssues(base)).toEqual([]);
  });
  it('names each broken rule with the line it is on', () => {
    const script = {
      ...base,
      diagnosis: line(' ', 'x'),
      pivot: line('あ'.repeat(401), 'x'),
      part2: [
        { offset: 0.5, text: line('見て。', 'Look.'), cue: 'sight' },
        { offset: 0.5, text: line('聞いて。', 'Listen.'), cue: 'sound' },
        { offset: 61, text: line('強火で。', 'High heat.'), cue: 'sight' },
      ],
    };
    expect(narrationScriptIssues(script).map((i) => [i.path.join('.'), i.rule])).toEqual([
      ['diagnosis.ja', 'empty_line'],
      ['pivot.ja', 'too_long'],
      ['part2.2.offset', 'offset_range'],
      ['part2.1.offset', 'offsets_increase'],
      ['part2.2.cue', 'last_is_rule'],
    ]);
  });
  it('refuses an empty Part 2 and more than six lines', () => {
    expect(narrationScriptIssues({ ...base, part2: [] }).map((i) => i.rule)).toContain('last_is_rule');
    const many = Array.from({ length: 7 }, (_, i) => ({ offset: i + 1, text: line('行。', 'Line.'), cue: i === 6 ? 'rule' : 'sight' }));
    expect(narrationScriptIssues({ ...base, part2: many }).map((i) => i.rule)).toEqual(['too_many']);
  });
});
