import { describe, expect, it } from 'vitest';
import { adjustmentNotes, describeTimelineIssues, formatBilingual } from './timeline-messages';

describe('timeline messages', () => {
  it('names the script part in the coach’s words, Japanese first, without developer paths', () => {
    const text = describeTimelineIssues([
      { path: 'script.part2', message: 'Array must contain at least 1 element(s)' },
      { path: 'segments.3.lines.0', lineId: 'part2.0', message: 'runs until 10.46 s, past the clip end at 10.37 s' },
    ]);
    expect(text.ja).toBe('動画の構成を作れませんでした（パート2、「part2.0」）。台本を確認して、もう一度レンダリングしてください。');
    expect(text.en).toBe('The video could not be laid out (Part 2, "part2.0"). Check the script and render again.');
    expect(formatBilingual(text)).toBe(`${text.ja}\n${text.en}`);
    expect(formatBilingual(text)).not.toMatch(/segments\.|10\.46/);
  });

  it('adjustment notes in the reader’s language', () => {
    const notes = [{ code: 'replay_slowed' as const, ja: 'スローにしました', en: 'Slowed the replay' }];
    expect(adjustmentNotes(notes, 'ja')).toEqual(['スローにしました']);
    expect(adjustmentNotes(notes, 'en')).toEqual(['Slowed the replay']);
    expect(adjustmentNotes(undefined, 'en')).toEqual([]);
  });
});
