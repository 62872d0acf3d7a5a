import { knownDishSlugs } from '../../data/dishes';
import { insertImportedPrinciple, insertPrincipleVersion, latestPrincipleVersion, lockPrincipleBySlug, updateImportedPrinciple } from '../../data/principles';
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { ValidationError } from '../../errors';
import type { ChunkablePrinciple } from './chunk-principle';
import type { Knowledge } from './load-knowledge';
import { PRINCIPLES_DIR } from './load-knowledge';
import type { ParsedPrinciple } from './principle-file';

/** The principle columns a knowledge file owns; everything else (published, embedding…) is the database's. */
export interface PrincipleFields extends ChunkablePrinciple {
  dishes: string[];
  is_core: boolean;
  addresses: string[];
}

export interface ImportedPrinciple {
  id: string;
  slug: string;
}

export interface ImportKnowledgeResult {
  /** New principles (version 1); embed them. */
  created: ImportedPrinciple[];
  /** Principles whose file changed since the last import (version + 1); re-embed them. */
  updated: ImportedPrinciple[];
  unchanged: number;
  /** Principles the file would change, left alone because someone edited them in the console. */
  skipped: Array<ImportedPrinciple & { reason: string }>;
}

export function principleSource(principle: Pick<ParsedPrinciple, 'fileName'>): string {
  return `knowledge/${PRINCIPLES_DIR}/${principle.fileName}`;
}

/** A parsed file in the principles table's shape. */
export function toPrincipleFields(principle: ParsedPrinciple): PrincipleFields {
  return {
    title_ja: principle.title.ja,
    title_en: principle.title.en,
    dishes: [...principle.dishes],
    is_core: principle.core,
    skill: principle.skill,
    symptoms: principle.symptoms,
    why: principle.why,
    next_action: principle.next_action,
    success_signs: principle.success_signs,
    addresses: [...principle.addresses],
    body_md: principle.body,
  };
}

/** JSON with sorted keys (jsonb does not keep key order), undefined members dropped. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of a principle's file-owned fields: the same for a parsed file and the row it was imported into. */
export function principleContentHash(fields: PrincipleFields): string {
  const picked: PrincipleFields = {
    title_ja: fields.title_ja,
    title_en: fields.title_en,
    dishes: fields.dishes,
    is_core: fields.is_core,
    skill: fields.skill,
    symptoms: fields.symptoms,
    why: fields.why,
    next_action: fields.next_action,
    success_signs: fields.success_signs,
    addresses: fields.addresses,
    body_md: fields.body_md,
  };
  return createHash('sha256').update(canonicalJson(picked)).digest('hex');
}

interface PrincipleRow extends PrincipleFields {
  id: string;
  slug: string;
  source: string;
  version: number;
}

/**
 * Upserts knowledge/ principles by slug, in one transaction.
 * - new slug: inserted as version 1 with a principle_versions snapshot (which records the file hash);
 * - unchanged file: nothing is written;
 * - changed file, row untouched since its last import (same source, and the latest snapshot's
 *   file hash is the row's current content): updated, version + 1, new snapshot;
 * - changed file, row edited in the console (or created there): left alone and reported as skipped.
 * New and updated principles get embedding_status 'pending'; the caller enqueues their embedding.
 * Dishes are not written here: every dish slug must already be in the dishes table.
 */
export async function importKnowledge(
  knex: Knex,
  knowledge: Knowledge,
  options: { updatedBy?: string | null | undefined } = {},
): Promise<ImportKnowledgeResult> {
  const updatedBy = options.updatedBy ?? null;
  const result: ImportKnowledgeResult = { created: [], updated: [], unchanged: 0, skipped: [] };

  return knex.transaction(async (trx) => {
    const wanted = [...new Set([...knowledge.dishes.map((d) => d.slug), ...knowledge.principles.flatMap((p) => p.dishes)])].sort();
    const present = await knownDishSlugs(trx, wanted);
    const missing = wanted.filter((slug) => !present.has(slug));
    if (missing.length) {
      throw new ValidationError(
        `Cannot import knowledge/: these dishes are not in the dishes table: ${missing.join(', ')}. Seed the dishes first (core/src/seed/dishes.ts).`,
        { missingDishes: missing },
      );
    }

    for (const principle of [...knowledge.principles].sort((a, b) => a.slug.localeCompare(b.slug))) {
      const fields = toPrincipleFields(principle);
      const fileHash = principleContentHash(fields);
      const source = principleSource(principle);
      const snapshot = (version: number) => ({ slug: principle.slug, ...fields, source, version, file_hash: fileHash });

      let row: PrincipleRow | undefined = await lockPrincipleBySlug(trx, principle.slug);
      if (!row) {
        const insertedId = await insertImportedPrinciple(trx, { slug: principle.slug, content: fields, source, updatedBy });
        if (insertedId) {
          await insertPrincipleVersion(trx, insertedId, 1, snapshot(1), updatedBy);
          result.created.push({ id: insertedId, slug: principle.slug });
          continue;
        }
        // Another importer inserted it a moment ago: handle it as an existing row.
        row = await lockPrincipleBySlug(trx, principle.slug);
        if (!row) throw new Error(`principle "${principle.slug}" vanished during import`);
      }

      const rowHash = principleContentHash(row);
      if (rowHash === fileHash) {
        result.unchanged += 1;
        continue;
      }
      const latest = await latestPrincipleVersion(trx, row.id);
      const untouchedSinceImport =
        row.source === source && latest?.version === row.version && (latest.snapshot as { file_hash?: unknown }).file_hash === rowHash;
      if (!untouchedSinceImport) {
        const reason =
          row.source !== source
            ? `its source is "${row.source}", not ${source}`
            : 'edited in the console since it was imported; the file change was not applied';
        result.skipped.push({ id: row.id, slug: principle.slug, reason });
        continue;
      }
      const version = row.version + 1;
      await updateImportedPrinciple(trx, row.id, { content: fields, version, updatedBy });
      await insertPrincipleVersion(trx, row.id, version, snapshot(version), updatedBy);
      result.updated.push({ id: row.id, slug: principle.slug });
    }
    return result;
  });
}
