import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './safe-markdown';

describe('principle bodies (the console’s knowledge-base preview uses the same reader)', () => {
  it('reads headings down to ######, paragraphs, lists, quotes and rules', () => {
    const blocks = parseMarkdown('# 強火\n\n鍋を**しっかり**熱する。\n続けて書く。\n\n- 一つ目\n- *二つ目*\n\n1. first\n2) second\n\n> 引用\n\n---\n\n#### English ##\n\nText.');
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list', 'list', 'quote', 'rule', 'heading', 'paragraph']);
    expect(blocks[0]).toEqual({ type: 'heading', level: 1, children: [{ type: 'text', text: '強火' }] });
    expect(blocks[1]).toEqual({
      type: 'paragraph',
      children: [{ type: 'text', text: '鍋を' }, { type: 'strong', children: [{ type: 'text', text: 'しっかり' }] }, { type: 'text', text: '熱する。' }, { type: 'br' }, { type: 'text', text: '続けて書く。' }],
    });
    expect(blocks[2]).toMatchObject({ type: 'list', ordered: false, items: [[{ type: 'text', text: '一つ目' }], [{ type: 'em', children: [{ type: 'text', text: '二つ目' }] }]] });
    expect(blocks[3]).toMatchObject({ type: 'list', ordered: true });
    expect(blocks[6]).toEqual({ type: 'heading', level: 4, children: [{ type: 'text', text: 'English' }] });
  });

  it('keeps raw HTML as plain text, and unmatched markers alone', () => {
    const [block] = parseMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(block).toEqual({ type: 'paragraph', children: [{ type: 'text', text: '<script>alert(1)</script> <img src=x onerror=alert(1)>' }] });
    expect(parseInline('2 * 3 = 6, **open')).toEqual([{ type: 'text', text: '2 * 3 = 6, **open' }]);
    expect(parseInline('`a*b`')).toEqual([{ type: 'code', text: 'a*b' }]);
  });
});
