import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors';
import { KnowledgeFileError, parsePrincipleFile, splitBody } from './principle-file';
import { principleFileText, validFrontMatter } from './testing/principle-fixture';

function parseError(text: string, fileName = 'sample.md', dishSlugs?: string[]): KnowledgeFileError {
  try {
    parsePrincipleFile(text, fileName, { dishSlugs });
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeFileError);
    expect(error).toBeInstanceOf(ValidationError);
    return error as KnowledgeFileError;
  }
  throw new Error('expected parsePrincipleFile to throw');
}

describe('parsePrincipleFile', () => {
  it('parses front matter and body, defaulting core to false and trimming text', () => {
    const front = validFrontMatter('sample');
    delete front.core;
    const parsed = parsePrincipleFile(principleFileText({ ...front, why: { ja: '  理由。 ', en: 'Because.\n' } }), 'sample.md');
    expect(parsed.slug).toBe('sample');
    expect(parsed.core).toBe(false);
    expect(parsed.why).toEqual({ ja: '理由。', en: 'Because.' });
    expect(parsed.body).toBe('本文です。\n\n## English\n\nBody.');
    expect(parsed.fileName).toBe('sample.md');
  });

  it('accepts a path as the file name and keeps only the base name', () => {
    expect(parsePrincipleFile(principleFileText(validFrontMatter('sample')), 'knowledge/principles/sample.md').fileName).toBe('sample.md');
  });

  it('names the file when there is no front matter', () => {
    const error = parseError('# Just markdown\n');
    expect(error.message).toBe('sample.md: must start with YAML front matter between two "---" lines');
  });

  it('names the file and line for bad YAML', () => {
    const error = parseError('---\nslug: sample\ntitle: [unclosed\nwhy: x\n---\nbody\n');
    expect(error.file).toBe('sample.md');
    expect(error.message).toMatch(/^sample\.md: invalid YAML front matter at line \d+: /);
  });

  it('rejects duplicate keys as bad YAML', () => {
    expect(parseError('---\nslug: sample\nslug: other\n---\nbody\n').message).toMatch(/invalid YAML front matter/);
  });

  it('names a missing field', () => {
    const front = validFrontMatter('sample');
    delete front.why;
    const error = parseError(principleFileText(front));
    expect(error.field).toBe('why');
    expect(error.message).toBe('sample.md (why): is required');
  });

  it('names a missing nested field', () => {
    const error = parseError(principleFileText({ ...validFrontMatter('sample'), title: { ja: '題' } }));
    expect(error.message).toBe('sample.md (title.en): is required');
  });

  it('names an unknown finding code and lists the known ones', () => {
    const error = parseError(principleFileText({ ...validFrontMatter('sample'), addresses: ['pan_not_hot', 'pan_cold'] }));
    expect(error.field).toBe('addresses[1]');
    expect(error.message).toContain('unknown finding code "pan_cold"');
    expect(error.message).toContain('heat_dropped');
  });

  it('names an unknown sense', () => {
    const front = { ...validFrontMatter('sample'), symptoms: [{ ja: '匂い', en: 'Smell', sense: 'smell' }] };
    expect(parseError(principleFileText(front)).message).toContain('sample.md (symptoms[0].sense): unknown sense "smell"');
  });

  it('names an unknown dish slug when given the dish list', () => {
    const front = { ...validFrontMatter('sample'), dishes: ['fried-rice', 'souffle'] };
    const error = parseError(principleFileText(front), 'sample.md', ['fried-rice', 'omelette']);
    expect(error.field).toBe('dishes[1]');
    expect(error.message).toContain('unknown dish slug "souffle"');
    // Without a dish list, any well-formed slug is accepted.
    expect(parsePrincipleFile(principleFileText(front), 'sample.md').dishes).toEqual(['fried-rice', 'souffle']);
  });

  it('names unknown fields', () => {
    expect(parseError(principleFileText({ ...validFrontMatter('sample'), colour: 'red' })).message).toBe('sample.md (colour): unknown field');
  });

  it('needs at least two senses of success signs', () => {
    const front = { ...validFrontMatter('sample'), success_signs: { sight: { ja: '色', en: 'Colour' } } };
    const error = parseError(principleFileText(front));
    expect(error.field).toBe('success_signs');
    expect(error.message).toContain('at least two senses');
  });

  it('rejects empty text and an empty list', () => {
    expect(parseError(principleFileText({ ...validFrontMatter('sample'), skill: { ja: ' ', en: 'x' } })).message).toBe(
      'sample.md (skill.ja): must not be empty',
    );
    expect(parseError(principleFileText({ ...validFrontMatter('sample'), addresses: [] })).field).toBe('addresses');
  });

  it('requires the slug to match the file name', () => {
    const error = parseError(principleFileText(validFrontMatter('sample')), 'other.md');
    expect(error.field).toBe('slug');
    expect(error.message).toContain('expected sample.md');
  });

  it('requires a Japanese section and an English section', () => {
    const front = validFrontMatter('sample');
    expect(parseError(principleFileText(front, '日本語だけ。')).message).toContain('needs an "## English" section');
    expect(parseError(principleFileText(front, '## English\n\nOnly English.')).message).toContain('needs a Japanese section');
    expect(parseError(principleFileText(front, '日本語。\n\n## English\n')).message).toContain('"## English" section is empty');
  });
});

describe('splitBody', () => {
  it('splits at the English heading', () => {
    expect(splitBody('一。\n\n二。\n\n## English\n\nOne.\r\n\r\nTwo.')).toEqual({ ja: '一。\n\n二。', en: 'One.\n\nTwo.' });
    expect(splitBody('日本語のみ')).toEqual({ ja: '日本語のみ', en: undefined });
  });
});
