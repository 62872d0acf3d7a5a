import type { KeyMoment, NarrationScript } from './types';

/** A run of tokens that is the same in both texts, only in the old one, or only in the new one. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * Words and spaces for alphabetic text; one token per character for Japanese, which has no
 * spaces between words (a character diff reads naturally there).
 */
export const tokenize = (text: string): string[] => {
  const tokens: string[] = [];
  for (const piece of text.match(/\s+|[^\s]+/g) ?? []) {
    if (CJK.test(piece)) tokens.push(...piece.match(/[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+/g)!);
    else tokens.push(piece);
  }
  return tokens;
};

/** Longest-common-subsequence diff of two token lists, merged into runs. */
export const diffTokens = (before: string[], after: string[]): DiffPart[] => {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: LCS length of before[i..] and after[j..]. Scripts are short: O(n·m) is fine.
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i]!;
    const next = lcs[i + 1]!;
    for (let j = m - 1; j >= 0; j--) row[j] = before[i] === after[j] ? next[j + 1]! + 1 : Math.max(next[j]!, row[j + 1]!);
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      push('same', before[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push('removed', before[i++]!);
    else push('added', after[j++]!);
  }
  while (i < n) push('removed', before[i++]!);
  while (j < m) push('added', after[j++]!);
  return parts;
};

/** An unchanged run this short between two changes reads as noise ("the", a stray 鍋): fold it into the change. */
const isNoise = (text: string) => text.trim().length <= 3;

/**
 * Makes a diff readable: each change region (changes, and short unchanged runs between them)
 * becomes one removed run followed by one added run.
 */
export const cleanupDiff = (parts: DiffPart[]): DiffPart[] => {
  const out: DiffPart[] = [];
  let i = 0;
  while (i < parts.length) {
    const part = parts[i]!;
    if (part.kind === 'same') {
      out.push(part);
      i++;
      continue;
    }
    let removed = '';
    let added = '';
    let j = i;
    for (;;) {
      const p = parts[j];
      if (!p) break;
      if (p.kind === 'removed') removed += p.text;
      else if (p.kind === 'added') added += p.text;
      else if (isNoise(p.text) && parts[j + 1] !== undefined) {
        removed += p.text;
        added += p.text;
      } else break;
      j++;
    }
    if (removed) out.push({ kind: 'removed', text: removed });
    if (added) out.push({ kind: 'added', text: added });
    i = j;
  }
  return out;
};

export const diffText = (before: string, after: string): DiffPart[] => cleanupDiff(diffTokens(tokenize(before), tokenize(after)));

/** One comparable line of a script: a stable key (the spec's line id + language), a label and its text. */
export interface ScriptLine {
  key: string;
  text: string;
}

/** The script (and its clip) as labelled lines, in speaking order: what the diff compares. */
export const scriptLines = (script: NarrationScript, keyMoment: KeyMoment): ScriptLine[] => {
  const lines: ScriptLine[] = [{ key: 'clip', text: `${keyMoment.start.toFixed(1)}–${keyMoment.end.toFixed(1)} s` }];
  const add = (id: string, text: { ja: string; en: string }, prefix = '') => {
    lines.push({ key: `${id}.ja`, text: `${prefix}${text.ja}` }, { key: `${id}.en`, text: `${prefix}${text.en}` });
  };
  add('part1.intro', script.part1.intro);
  add('part1.principle', script.part1.principle);
  add('diagnosis', script.diagnosis);
  add('pivot', script.pivot);
  script.part2.forEach((line, i) => add(`part2.${i}`, line.text, `[+${line.offset.toFixed(1)} s · ${line.cue}] `));
  return lines;
};

export interface LineDiff {
  key: string;
  /** 'same' lines are unchanged; 'changed' has a word diff; 'added'/'removed' exist on one side only. */
  kind: 'same' | 'changed' | 'added' | 'removed';
  parts: DiffPart[];
}

/** Line by line (matched by key), with a word/character diff inside changed lines. */
export const diffScripts = (before: ScriptLine[], after: ScriptLine[]): LineDiff[] => {
  const old = new Map(before.map((l) => [l.key, l.text]));
  const result: LineDiff[] = [];
  const seen = new Set<string>();
  for (const line of after) {
    seen.add(line.key);
    const was = old.get(line.key);
    if (was === undefined) result.push({ key: line.key, kind: 'added', parts: [{ kind: 'added', text: line.text }] });
    else if (was === line.text) result.push({ key: line.key, kind: 'same', parts: [{ kind: 'same', text: line.text }] });
    else result.push({ key: line.key, kind: 'changed', parts: diffText(was, line.text) });
  }
  for (const line of before) {
    if (!seen.has(line.key)) result.push({ key: line.key, kind: 'removed', parts: [{ kind: 'removed', text: line.text }] });
  }
  return result;
};
