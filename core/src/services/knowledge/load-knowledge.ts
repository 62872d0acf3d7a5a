import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { dishRubricSchema, type DishRubric } from '../../domain/rubric';
import { ValidationError } from '../../errors';
import { KnowledgeFileError, parsePrincipleFile, type ParsedPrinciple } from './principle-file';

/** The repository's knowledge/ folder: dishes.yaml and principles/<slug>.md. */
export const DEFAULT_KNOWLEDGE_DIR = fileURLToPath(new URL('../../../../knowledge', import.meta.url));
export const DISHES_FILE = 'dishes.yaml';
export const PRINCIPLES_DIR = 'principles';

export interface Knowledge {
  dishes: DishRubric[];
  principles: ParsedPrinciple[];
}

/** The knowledge base's files are each fine, but they do not fit together; lists every problem. */
export class KnowledgeValidationError extends ValidationError {
  constructor(readonly problems: string[]) {
    super(`knowledge/ does not fit together:\n- ${problems.join('\n- ')}`, { problems });
  }
}

/** Parses dishes.yaml: a YAML list of dish rubrics (core/src/domain/rubric.ts). */
export function parseDishesFile(source: string, fileName = DISHES_FILE): DishRubric[] {
  let data: unknown;
  try {
    data = parseYaml(source, { uniqueKeys: true, prettyErrors: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const line = error.linePos?.[0]?.line;
      throw new KnowledgeFileError(fileName, undefined, `invalid YAML${line === undefined ? '' : ` at line ${line}`}: ${error.message.split('\n')[0]}`);
    }
    throw error;
  }
  if (!Array.isArray(data)) throw new KnowledgeFileError(fileName, undefined, 'must be a YAML list of dishes');
  const seen = new Set<string>();
  return data.map((entry: unknown, index) => {
    const label = typeof entry === 'object' && entry && 'slug' in entry ? `[${index}] ${String(entry.slug)}` : `[${index}]`;
    const parsed = dishRubricSchema.strict().safeParse(entry, { reportInput: true });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.length ? `${label}.${issue.path.join('.')}` : label;
      const reason = issue?.code === 'invalid_type' && issue.input === undefined ? 'is required' : (issue?.message ?? 'is invalid');
      throw new KnowledgeFileError(fileName, field, reason);
    }
    const dish = parsed.data;
    if (seen.has(dish.slug)) throw new KnowledgeFileError(fileName, `${label}.slug`, `"${dish.slug}" is listed twice`);
    seen.add(dish.slug);
    const [min, max] = dish.expectedSeconds;
    if (min >= max) throw new KnowledgeFileError(fileName, `${label}.expectedSeconds`, `[${min}, ${max}] must be [min, max] with min < max`);
    return dish;
  });
}

/**
 * Reads and validates knowledge/: every file on its own, then the cross-references between them.
 * Deterministic: principles come back sorted by file name.
 */
export async function loadKnowledge(options: { dir?: string } = {}): Promise<Knowledge> {
  const dir = options.dir ?? DEFAULT_KNOWLEDGE_DIR;
  const dishes = parseDishesFile(await readFile(path.join(dir, DISHES_FILE), 'utf8'));
  const dishSlugs = dishes.map((dish) => dish.slug);

  const principlesDir = path.join(dir, PRINCIPLES_DIR);
  const files = (await readdir(principlesDir)).filter((name) => name.endsWith('.md')).sort();
  const principles: ParsedPrinciple[] = [];
  for (const fileName of files) {
    const source = await readFile(path.join(principlesDir, fileName), 'utf8');
    principles.push(parsePrincipleFile(source, fileName, { dishSlugs }));
  }
  const knowledge = { dishes, principles };
  validateKnowledge(knowledge);
  return knowledge;
}

/**
 * Cross-references: unique principle slugs; principles name known dishes; each dish's corePrinciple
 * exists, lists the dish and is `core: true`, and is the only core principle for that dish; every
 * finding a dish watches for is addressed by at least one of that dish's principles.
 */
export function validateKnowledge(knowledge: Knowledge): void {
  const problems: string[] = [];
  const bySlug = new Map<string, ParsedPrinciple>();
  for (const principle of knowledge.principles) {
    const other = bySlug.get(principle.slug);
    if (other) problems.push(`principle slug "${principle.slug}" is used by both ${other.fileName} and ${principle.fileName}`);
    bySlug.set(principle.slug, principle);
  }

  const dishSlugs = new Set(knowledge.dishes.map((dish) => dish.slug));
  for (const principle of knowledge.principles) {
    for (const dish of principle.dishes) {
      if (!dishSlugs.has(dish)) problems.push(`${principle.fileName}: dish "${dish}" is not in ${DISHES_FILE}`);
    }
  }

  const coreOf = new Map<string, string[]>();
  for (const dish of knowledge.dishes) {
    const own = knowledge.principles.filter((p) => p.dishes.includes(dish.slug));
    const core = bySlug.get(dish.corePrinciple);
    if (!core) {
      problems.push(`${dish.slug}: corePrinciple "${dish.corePrinciple}" has no file principles/${dish.corePrinciple}.md`);
    } else {
      if (!core.dishes.includes(dish.slug)) problems.push(`${dish.slug}: corePrinciple "${core.slug}" does not list "${dish.slug}" in its dishes`);
      if (!core.core) problems.push(`${dish.slug}: corePrinciple "${core.slug}" must have core: true`);
      coreOf.set(core.slug, [...(coreOf.get(core.slug) ?? []), dish.slug]);
    }
    const otherCores = own.filter((p) => p.core && p.slug !== dish.corePrinciple).map((p) => p.slug);
    if (otherCores.length) {
      problems.push(`${dish.slug}: only its corePrinciple "${dish.corePrinciple}" may be core: true among its principles, but so are: ${otherCores.join(', ')}`);
    }
    for (const code of dish.watchFor) {
      if (!own.some((p) => p.addresses.includes(code))) {
        problems.push(`${dish.slug}: watches for "${code}" but none of its principles addresses it`);
      }
    }
  }
  for (const principle of knowledge.principles) {
    if (principle.core && !coreOf.has(principle.slug)) {
      problems.push(`${principle.fileName}: core: true, but no dish names it as corePrinciple`);
    }
  }
  if (problems.length) throw new KnowledgeValidationError(problems);
}
