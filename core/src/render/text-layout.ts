/**
 * Line wrapping for drawtext (which does not wrap) and filtergraph escaping.
 */

/** Approximate advance width in em: CJK and full-width forms are square; Latin is about half. */
export function charWidthEm(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c === 0x20) return 0.28;
  if (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x20000
  )
    return 1;
  if (/[A-Z]/.test(ch)) return 0.66;
  if (/[mwMW@%]/.test(ch)) return 0.85;
  return 0.56;
}

export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidthEm(ch);
  return w;
}

/** Characters that must not start a line (Japanese kinsoku, simplified) or end one. */
const NO_LINE_START = new Set([...'、。，．・：；？！ー）」』】〕〉》’”…ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.!?:;)]}%']);
const NO_LINE_END = new Set([...'（「『【〔〈《‘“([{']);

/**
 * Wraps text into lines no wider than `maxEm`. Latin words are kept whole when they fit on a
 * line; CJK breaks between any two characters except before closing punctuation or after an
 * opening bracket. Explicit newlines are kept. At most `maxLines` lines (the last is ellipsised).
 */
export function wrapText(text: string, maxEm: number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const tokens = tokenize(paragraph.trim().replace(/\s+/g, ' '));
    let line = '';
    for (const token of tokens) {
      const candidate = line + token;
      if (line === '' || textWidthEm(candidate.trimEnd()) <= maxEm) {
        line = line === '' ? token.trimStart() : candidate;
        continue;
      }
      // Kinsoku: move the last character of the line down rather than start with closing punctuation.
      const first = [...token][0] ?? '';
      if (NO_LINE_START.has(first) && [...line].length > 1) {
        const chars = [...line];
        const carried = chars.pop()!;
        lines.push(chars.join('').trimEnd());
        line = carried + token;
        continue;
      }
      const chars = [...line];
      if (NO_LINE_END.has(chars[chars.length - 1] ?? '') && chars.length > 1) {
        const carried = chars.pop()!;
        lines.push(chars.join('').trimEnd());
        line = carried + token;
        continue;
      }
      lines.push(line.trimEnd());
      line = token.trimStart();
      // A single Latin word longer than a line: hard-break it.
      while (textWidthEm(line) > maxEm && [...line].length > 1) {
        const chars2 = [...line];
        let cut = chars2.length - 1;
        while (cut > 1 && textWidthEm(chars2.slice(0, cut).join('')) > maxEm) cut--;
        lines.push(chars2.slice(0, cut).join(''));
        line = chars2.slice(cut).join('');
      }
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
  }
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.replace(/.$/u, '')}…`;
    return kept;
  }
  return lines;
}

/** Latin words (with their trailing space) stay together; every other character is its own token. */
function tokenize(text: string): string[] {
  return text.match(/[A-Za-z0-9À-ɏ'’\-_.,!?:;%&/@#"()[\]]+ ?| |./gu) ?? [];
}

/**
 * Escapes a value for a filter option inside a filtergraph (two levels: the option parser's
 * `\ ' :` and the graph parser's `\ ' [ ] , ;`), e.g. a file path or an expression.
 */
export function escapeFilterValue(value: string): string {
  const level1 = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return level1.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}
