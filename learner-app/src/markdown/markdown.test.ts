import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';
import { parseInline, parseMarkdown, plainText, safeHref } from '@ajimi/core/text/safe-markdown';

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe('chat Markdown', () => {
  it('renders the subset the coach and the AI write', () => {
    const out = html('**強火**で *30秒*、`tokyo` を見て\n次の行\n\n- 一つ目\n- 二つ目\n\n1. first\n2. second\n\n> 📖 引用です\n\n### 見出し');
    expect(out).toContain('<strong>強火</strong>');
    expect(out).toContain('<em>30秒</em>');
    expect(out).toContain('<code');
    expect(out).toContain('<br/>次の行');
    expect(out).toMatch(/<ul[^>]*><li>一つ目<\/li><li>二つ目<\/li><\/ul>/);
    expect(out).toMatch(/<ol[^>]*><li>first<\/li><li>second<\/li><\/ol>/);
    expect(out).toMatch(/<blockquote[^>]*><p[^>]*>📖 引用です<\/p><\/blockquote>/);
    expect(out).toContain('見出し');
  });

  it('never lets HTML or script through, whoever wrote it', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '<a href="javascript:alert(1)">x</a>',
      '[click](javascript:alert(1))',
      '[click](data:text/html;base64,PHNjcmlwdD4=)',
      '**<iframe src="https://evil.test">**',
      '`<b>code</b>`',
    ];
    for (const source of attacks) {
      const out = html(source);
      expect(out).not.toMatch(/<(script|img|iframe|b)[\s>]/);
      expect(out).not.toMatch(/href="(javascript|data):/i);
      expect(out).not.toMatch(/<[^>]*\son\w+=/i); // no event handler attribute on any real tag
    }
    // The text itself stays readable.
    expect(html('<script>alert(1)</script>')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html('[click](javascript:alert(1))')).toContain('click');
  });

  it('links only http(s) and mailto, opened safely', () => {
    expect(safeHref('https://ajimi.example/x')).toBe('https://ajimi.example/x');
    expect(safeHref('mailto:coach@ajimi.local')).toBe('mailto:coach@ajimi.local');
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:x', 'vbscript:x', 'data:x', '/relative', '//evil.test', 'https://a"onmouseover="x']) expect(safeHref(bad)).toBeNull();
    const out = html('詳しくは https://ajimi.example/guide. と [ガイド](https://ajimi.example/g) を');
    expect(out).toContain('href="https://ajimi.example/guide"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
    expect(out).toContain('>ガイド</a>');
    expect(parseInline('see https://a.example/x.')).toEqual([
      { type: 'text', text: 'see ' },
      { type: 'link', href: 'https://a.example/x', children: [{ type: 'text', text: 'https://a.example/x' }] },
      { type: 'text', text: '.' },
    ]);
  });

  it('keeps the reply format (📖 title, quoted sentences) and plain text for previews', () => {
    const reply = 'Akiさん、関係する原則を紹介します。\n\n📖 鍋を先に熱する\n> 一文目。\n> 二文目。';
    const blocks = parseMarkdown(reply);
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'quote']);
    expect(plainText('**強火**で [見る](https://x.example)')).toBe('強火で 見る');
    expect(parseMarkdown('・ 一\n・ 二')).toEqual([{ type: 'list', ordered: false, items: [[{ type: 'text', text: '一' }], [{ type: 'text', text: '二' }]] }]);
  });
});
