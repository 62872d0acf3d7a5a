/**
 * The one small Markdown subset of the project (chat messages in the learner app, principle bodies
 * in the console), parsed to a tree that the front-ends render with React elements only (never
 * innerHTML): HTML in the text stays visible text, and links are kept only for http(s) and mailto.
 * Blocks: paragraphs (single newlines kept), # to ###### headings, - / * / ・ and 1. lists,
 * > quotes, ``` code, --- rules. Inline: **bold**, *italic* / _italic_, `code`, [text](url), bare URLs.
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'br' };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'heading'; level: HeadingLevel; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'quote'; children: Block[] }
  | { type: 'code'; text: string }
  | { type: 'rule' };

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

const SAFE_URL = /^(https?:\/\/|mailto:)[^\s<>"]+$/i;

export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  return SAFE_URL.test(trimmed) ? trimmed : null;
}

const BULLET = /^\s*(?:[-*+]|・)\s+(.*)$/;
const ORDERED = /^\s*\d{1,3}[.)]\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const QUOTE = /^\s*>\s?(.*)$/;
const FENCE = /^\s*```/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (!line.trim()) {
      i++;
      continue;
    }
    if (FENCE.test(line)) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i] as string)) body.push(lines[i++] as string);
      i++; // closing fence (or the end)
      blocks.push({ type: 'code', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: (heading[1] as string).length as HeadingLevel, children: parseInline(heading[2] as string) });
      i++;
      continue;
    }
    // Before lists: "- - -" and "***" are rules, not bullets.
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] as string)) body.push((QUOTE.exec(lines[i++] as string) as RegExpExecArray)[1] as string);
      blocks.push({ type: 'quote', children: parseMarkdown(body.join('\n')) });
      continue;
    }
    const ordered = ORDERED.test(line);
    if (ordered || BULLET.test(line)) {
      const pattern = ordered ? ORDERED : BULLET;
      const items: Inline[][] = [];
      while (i < lines.length && pattern.test(lines[i] as string)) items.push(parseInline((pattern.exec(lines[i++] as string) as RegExpExecArray)[1] as string));
      blocks.push({ type: 'list', ordered, items });
      continue;
    }
    const body: string[] = [];
    while (i < lines.length) {
      const l = lines[i] as string;
      if (!l.trim() || FENCE.test(l) || HEADING.test(l) || RULE.test(l) || QUOTE.test(l) || BULLET.test(l) || ORDERED.test(l)) break;
      body.push(l);
      i++;
    }
    const children: Inline[] = [];
    body.forEach((l, n) => {
      if (n > 0) children.push({ type: 'br' });
      children.push(...parseInline(l));
    });
    blocks.push({ type: 'paragraph', children });
  }
  return blocks;
}

const INLINE = /(`[^`\n]+`)|(\*\*[^*\n]+?\*\*)|(__[^_\n]+?__)|(\*[^*\s][^*\n]*?\*)|(_[^_\s][^_\n]*?_)|(\[[^\]\n]+\]\([^)\s]+\))|(https?:\/\/[^\s<>"）)」]+)/;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      pushText(out, rest);
      break;
    }
    if (m.index > 0) pushText(out, rest.slice(0, m.index));
    const token = m[0];
    if (m[1]) out.push({ type: 'code', text: token.slice(1, -1) });
    else if (m[2] || m[3]) out.push({ type: 'strong', children: parseInline(token.slice(2, -2)) });
    else if (m[4] || m[5]) out.push({ type: 'em', children: parseInline(token.slice(1, -1)) });
    else if (m[6]) {
      const close = token.indexOf('](');
      const label = token.slice(1, close);
      const href = safeHref(token.slice(close + 2, -1));
      if (href) out.push({ type: 'link', href, children: parseInline(label) });
      else pushText(out, label); // an unsafe link keeps its words, loses the link
    } else {
      // A bare URL: trailing punctuation belongs to the sentence.
      const trimmed = token.replace(/[.,;:!?。、]+$/, '');
      const href = safeHref(trimmed);
      if (href) out.push({ type: 'link', href, children: [{ type: 'text', text: trimmed }] });
      else pushText(out, trimmed);
      if (trimmed.length < token.length) pushText(out, token.slice(trimmed.length));
    }
    rest = rest.slice(m.index + token.length);
  }
  return out;
}

function pushText(out: Inline[], text: string): void {
  const last = out.at(-1);
  if (last?.type === 'text') last.text += text;
  else out.push({ type: 'text', text });
}

/** Plain text of a message (for previews and notifications): the Markdown marks removed. */
export function plainText(source: string): string {
  const flat = (nodes: Inline[]): string =>
    nodes.map((n) => (n.type === 'text' || n.type === 'code' ? n.text : n.type === 'br' ? ' ' : flat(n.children))).join('');
  const block = (b: Block): string =>
    b.type === 'rule' ? '' : b.type === 'code' ? b.text : b.type === 'list' ? b.items.map(flat).join(' ') : b.type === 'quote' ? b.children.map(block).join(' ') : flat(b.children);
  return parseMarkdown(source).map(block).join(' ');
}
