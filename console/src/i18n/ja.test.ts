import englishMessages from 'ra-language-english';
import { describe, expect, it } from 'vitest';
import { appEnglish } from './app.en';
import { appJapanese } from './app.ja';
import japaneseMessages from './ja';

/** Dotted paths of every leaf string in a message tree. */
const leafKeys = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value as object, `${prefix}${key}.`),
  );

/** The %{placeholders} a message uses. */
const placeholders = (message: string): string[] =>
  [...message.matchAll(/%\{(\w+)\}/g)].map(match => match[1] ?? '').sort();

const lookup = (tree: object, path: string): string => {
  let node: unknown = tree;
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return node as string;
};

describe('Japanese react-admin catalogue', () => {
  it('has exactly the keys of ra-language-english', () => {
    expect(leafKeys(japaneseMessages).sort()).toEqual(leafKeys(englishMessages).sort());
  });

  it('uses the placeholders react-admin passes to each message', () => {
    // Japanese may drop the lower-cased copy of a field name in favour of the field itself.
    const normalise = (list: string[]) =>
      [...new Set(list.map(p => (p === 'field_lower_first' ? 'field' : p)))].filter(p => p !== 'smart_count').sort();
    for (const key of leafKeys(englishMessages)) {
      const englishMessage = lookup(englishMessages, key);
      const english = normalise(placeholders(englishMessage));
      const japanese = normalise(placeholders(lookup(japaneseMessages, key)));
      if (englishMessage.includes('||||')) {
        // One Japanese form stands for several English plural forms: it may use fewer placeholders.
        expect(english, key).toEqual(expect.arrayContaining(japanese));
      } else {
        expect(japanese, key).toEqual(english);
      }
    }
  });

  it('uses a single plural form (Polyglot treats Japanese as having one)', () => {
    for (const key of leafKeys(japaneseMessages)) {
      expect(lookup(japaneseMessages, key), key).not.toContain('||||');
    }
  });
});

describe('console messages', () => {
  it('has the same keys in English and Japanese', () => {
    expect(leafKeys(appJapanese).sort()).toEqual(leafKeys(appEnglish).sort());
  });
});
