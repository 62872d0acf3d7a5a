import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { FINDING_CODES, SENSES } from '../../domain/findings';
import { ValidationError } from '../../errors';

/**
 * One principle in knowledge/principles/<slug>.md: YAML front matter for the structured fields,
 * then a Markdown body (Japanese first, then a `## English` section).
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ENGLISH_HEADING = '## English';

/** A problem in one knowledge file, named by file and (when known) field, e.g. `addresses[2]`. */
export class KnowledgeFileError extends ValidationError {
  constructor(
    readonly file: string,
    readonly field: string | undefined,
    readonly reason: string,
  ) {
    super(`${file}${field ? ` (${field})` : ''}: ${reason}`, { file, field });
  }
}

const text = z.string().trim().min(1, { error: 'must not be empty' });
const bilingualSchema = z.strictObject({ ja: text, en: text });

export const principleFrontMatterSchema = z.strictObject({
  slug: z.string().regex(SLUG, { error: 'must be lowercase words joined by hyphens, e.g. "preheat-pan"' }),
  title: bilingualSchema,
  /** The dishes this principle applies to; general principles list every dish they apply to. */
  dishes: z.array(z.string().regex(SLUG, { error: 'must be a dish slug' })).min(1, { error: 'must list at least one dish' }),
  /** True for the principle a dish's coaching video opens with (dishes.yaml corePrinciple). */
  core: z.boolean().default(false),
  skill: bilingualSchema,
  symptoms: z
    .array(
      z.strictObject({
        ja: text,
        en: text,
        sense: z.enum(SENSES, { error: (issue) => `unknown sense ${JSON.stringify(issue.input)}; use one of ${SENSES.join(', ')}` }),
      }),
    )
    .min(1, { error: 'must list at least one symptom' }),
  why: bilingualSchema,
  next_action: bilingualSchema,
  success_signs: z
    .strictObject({ sight: bilingualSchema.optional(), sound: bilingualSchema.optional(), texture: bilingualSchema.optional() })
    .refine((signs) => Object.values(signs).filter(Boolean).length >= 2, { error: 'must describe at least two senses (sight, sound, texture)' }),
  /** Analyzer finding codes this principle explains (core/src/domain/findings.ts). */
  addresses: z
    .array(
      z.enum(FINDING_CODES, {
        error: (issue) => `unknown finding code ${JSON.stringify(issue.input)}; known codes: ${FINDING_CODES.join(', ')}`,
      }),
    )
    .min(1, { error: 'must list at least one finding code' }),
});

export type PrincipleFrontMatter = z.infer<typeof principleFrontMatterSchema>;

export interface ParsedPrinciple extends PrincipleFrontMatter {
  /** The Markdown body, trimmed: Japanese section, then `## English`. */
  body: string;
  /** File name inside knowledge/principles/, e.g. "preheat-pan.md". */
  fileName: string;
}

export interface ParsePrincipleOptions {
  /** When given, every entry of `dishes` must be one of these. */
  dishSlugs?: readonly string[] | undefined;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

function fieldName(path: ReadonlyArray<PropertyKey>): string | undefined {
  if (path.length === 0) return undefined;
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), '');
}

function describeIssue(issue: z.core.$ZodIssue): { field: string | undefined; reason: string } {
  const field = fieldName(issue.path);
  if (issue.code === 'invalid_type' && issue.input === undefined) return { field, reason: 'is required' };
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (field ? `${field}.${k}` : k));
    return { field: keys.join(', '), reason: `unknown field${keys.length > 1 ? 's' : ''}` };
  }
  return { field, reason: issue.message };
}

/**
 * Parses one principle file. Throws KnowledgeFileError naming the file and the field for bad
 * YAML, a missing or unknown field, an unknown finding code or (with options.dishSlugs) dish.
 */
export function parsePrincipleFile(source: string, fileName: string, options: ParsePrincipleOptions = {}): ParsedPrinciple {
  const match = FRONT_MATTER.exec(source);
  if (!match) throw new KnowledgeFileError(fileName, undefined, 'must start with YAML front matter between two "---" lines');
  const [, yamlText = '', bodyText = ''] = match;

  let data: unknown;
  try {
    data = parseYaml(yamlText, { uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      // +1: the opening "---" line comes before the YAML.
      const line = error.linePos?.[0]?.line;
      const where = line === undefined ? '' : ` at line ${line + 1}`;
      throw new KnowledgeFileError(fileName, undefined, `invalid YAML front matter${where}: ${error.message.split('\n')[0]}`);
    }
    throw error;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new KnowledgeFileError(fileName, undefined, 'front matter must be a YAML mapping of fields');
  }

  const parsed = principleFrontMatterSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const { field, reason } = first ? describeIssue(first) : { field: undefined, reason: 'is invalid' };
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem${parsed.error.issues.length > 2 ? 's' : ''})` : '';
    throw new KnowledgeFileError(fileName, field, `${reason}${more}`);
  }
  const front = parsed.data;

  const expectedFile = `${front.slug}.md`;
  const baseName = fileName.split(/[\\/]/).pop();
  if (baseName !== expectedFile) throw new KnowledgeFileError(fileName, 'slug', `"${front.slug}" must match the file name (expected ${expectedFile})`);

  if (options.dishSlugs) {
    const known = new Set(options.dishSlugs);
    const index = front.dishes.findIndex((dish) => !known.has(dish));
    if (index >= 0) throw new KnowledgeFileError(fileName, `dishes[${index}]`, `unknown dish slug "${front.dishes[index]}"; known dishes: ${[...known].join(', ')}`);
  }
  const duplicate = front.dishes.find((dish, i) => front.dishes.indexOf(dish) !== i);
  if (duplicate) throw new KnowledgeFileError(fileName, 'dishes', `"${duplicate}" is listed twice`);

  const body = bodyText.replace(/\r\n/g, '\n').trim();
  const { ja, en } = splitBody(body);
  if (!ja) throw new KnowledgeFileError(fileName, 'body', 'needs a Japanese section before "## English"');
  if (en === undefined) throw new KnowledgeFileError(fileName, 'body', 'needs an "## English" section after the Japanese one');
  if (!en) throw new KnowledgeFileError(fileName, 'body', 'the "## English" section is empty');

  return { ...front, body, fileName: baseName };
}

/** Splits a principle body at its `## English` heading: ja before, en after (undefined when there is no heading). */
export function splitBody(body: string): { ja: string; en: string | undefined } {
  const lines = body.replace(/\r\n/g, '\n').split('\n');
  const at = lines.findIndex((line) => line.trim() === ENGLISH_HEADING);
  if (at < 0) return { ja: body.trim(), en: undefined };
  return { ja: lines.slice(0, at).join('\n').trim(), en: lines.slice(at + 1).join('\n').trim() };
}
