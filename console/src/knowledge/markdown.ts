/**
 * A small Markdown reader for principle bodies: headings, paragraphs, bullet and numbered lists,
 * block quotes, **strong**, *emphasis* and `code`. It produces a tree that MarkdownPreview renders
 * as React elements, so raw HTML in the text is always shown as text, never interpreted.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'quote'; children: Inline[] }
  | { type: 'rule' };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.trim()) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ type: 'heading', level: heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6, children: parseInline(heading[2] ?? '') });
      continue;
    }
    if (RULE.test(line)) {
      flush();
      blocks.push({ type: 'rule' });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      flush();
      const ordered = Boolean(numbered);
      const pattern = ordered ? NUMBERED : BULLET;
      const items: Inline[][] = [];
      let j = i;
      for (; j < lines.length; j++) {
        const m = pattern.exec(lines[j] ?? '');
        if (!m) break;
        items.push(parseInline(m[1] ?? ''));
      }
      blocks.push({ type: 'list', ordered, items });
      i = j - 1;
      continue;
    }
    const quote = QUOTE.exec(line);
    if (quote) {
      flush();
      const parts: string[] = [];
      let j = i;
      for (; j < lines.length; j++) {
        const m = QUOTE.exec(lines[j] ?? '');
        if (!m) break;
        parts.push(m[1] ?? '');
      }
      blocks.push({ type: 'quote', children: parseInline(parts.join(' ')) });
      i = j - 1;
      continue;
    }
    paragraph.push(line.trim());
  }
  flush();
  return blocks;
}

/** Inline marks, innermost last; an unmatched marker stays as text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const push = (node: Inline) => {
    if (buffer) out.push({ type: 'text', text: buffer });
    buffer = '';
    out.push(node);
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest.startsWith('`')) {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        push({ type: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    const strong = rest.startsWith('**') ? '**' : rest.startsWith('__') ? '__' : null;
    if (strong) {
      const end = text.indexOf(strong, i + 2);
      if (end > i + 2) {
        push({ type: 'strong', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    const em = rest[0] === '*' || rest[0] === '_' ? rest[0] : null;
    if (em && rest[1] !== em && rest[1] !== ' ') {
      const end = text.indexOf(em, i + 1);
      if (end > i + 1 && text[end - 1] !== ' ') {
        push({ type: 'em', children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    buffer += text[i];
    i += 1;
  }
  if (buffer) out.push({ type: 'text', text: buffer });
  return out;
}
