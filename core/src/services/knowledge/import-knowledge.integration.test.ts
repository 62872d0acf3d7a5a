import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKnex } from '../../db/knex';
import { ValidationError } from '../../errors';
import { DISHES } from '../../seed/dishes';
import { importKnowledge, principleContentHash, toPrincipleFields } from './import-knowledge';
import { loadKnowledge, type Knowledge } from './load-knowledge';
import type { ParsedPrinciple } from './principle-file';
import { makePrinciple } from './testing/principle-fixture';

const knex = createKnex(inject('databaseUrl'), { poolMax: 2 });
afterAll(() => knex.destroy());
// Dishes are seeded elsewhere; the shared test database may or may not have them yet.
beforeAll(() => knex('dishes').insert(DISHES).onConflict('slug').ignore());

const only = (...principles: ParsedPrinciple[]): Knowledge => ({ dishes: [], principles });
const unique = (name: string) => `test-${randomUUID().slice(0, 8)}-${name}`;
const rowOf = (slug: string) => knex('principles').where({ slug }).first();
const versionsOf = (id: string) => knex('principle_versions').where({ principle_id: id }).orderBy('version');

describe('importKnowledge', () => {
  it('creates new principles at version 1 with a snapshot, then changes nothing on a re-import', async () => {
    const a = makePrinciple(unique('a'), { core: true, addresses: ['pan_not_hot', 'heat_dropped'] });
    const b = makePrinciple(unique('b'), { dishes: ['fried-rice', 'stir-fry'] });

    const first = await importKnowledge(knex, only(a, b));
    expect(first.created.map((p) => p.slug)).toEqual([a.slug, b.slug].sort());
    expect(first).toMatchObject({ updated: [], unchanged: 0, skipped: [] });

    const row = await rowOf(a.slug);
    expect(row).toMatchObject({
      title_ja: a.title.ja,
      title_en: a.title.en,
      dishes: ['fried-rice'],
      is_core: true,
      skill: a.skill,
      symptoms: a.symptoms,
      why: a.why,
      next_action: a.next_action,
      success_signs: a.success_signs,
      addresses: ['pan_not_hot', 'heat_dropped'],
      body_md: a.body,
      source: `knowledge/principles/${a.slug}.md`,
      version: 1,
      embedding_status: 'pending',
      published: true,
      updated_by: null,
    });
    expect(first.created.find((p) => p.slug === a.slug)?.id).toBe(row.id);
    const [snapshot] = await versionsOf(row.id);
    expect(snapshot).toMatchObject({ version: 1, edited_by: null });
    expect(snapshot.snapshot).toMatchObject({ slug: a.slug, body_md: a.body, file_hash: principleContentHash(toPrincipleFields(a)) });

    const second = await importKnowledge(knex, only(a, b));
    expect(second).toEqual({ created: [], updated: [], unchanged: 2, skipped: [] });
    const after = await rowOf(a.slug);
    expect(after.updated_at).toEqual(row.updated_at);
    expect(await versionsOf(row.id)).toHaveLength(1);
  });

  it('updates a principle whose file changed (version + 1, new snapshot, embedding pending again)', async () => {
    const original = makePrinciple(unique('changed'));
    const { created } = await importKnowledge(knex, only(original));
    const id = created[0]!.id;
    await knex('principles').where({ id }).update({ embedding_status: 'ready' });

    const edited = { ...original, why: { ja: '新しい理由です。', en: 'A new reason.' }, addresses: ['pan_not_hot' as const, 'heat_too_low' as const] };
    const result = await importKnowledge(knex, only(edited));
    expect(result).toEqual({ created: [], updated: [{ id, slug: original.slug }], unchanged: 0, skipped: [] });

    const row = await rowOf(original.slug);
    expect(row).toMatchObject({ version: 2, why: edited.why, addresses: ['pan_not_hot', 'heat_too_low'], embedding_status: 'pending' });
    const versions = await versionsOf(id);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1].snapshot.why).toEqual(edited.why);

    // And a later, further change to the file still applies.
    const again = await importKnowledge(knex, only({ ...edited, body: `${edited.body}\n\nMore.` }));
    expect(again.updated).toHaveLength(1);
    expect((await rowOf(original.slug)).version).toBe(3);
  });

  it('records who imported, when given', async () => {
    const [user] = await knex('users')
      .insert({ email: `${unique('importer')}@example.test`, name: 'Importer', role: 'content' })
      .returning('id');
    const principle = makePrinciple(unique('by'));
    await importKnowledge(knex, only(principle), { updatedBy: user.id });
    const row = await rowOf(principle.slug);
    expect(row.updated_by).toBe(user.id);
    expect((await versionsOf(row.id))[0].edited_by).toBe(user.id);
  });

  it('skips a principle edited in the console, with a new version', async () => {
    const original = makePrinciple(unique('console'));
    const { created } = await importKnowledge(knex, only(original));
    const id = created[0]!.id;
    // What the console does: edit, bump the version, snapshot the edit.
    const consoleWhy = { ja: 'コーチが書き直した理由。', en: 'Rewritten by a coach.' };
    await knex('principles').where({ id }).update({ why: JSON.stringify(consoleWhy), version: 2 });
    await knex('principle_versions').insert({ principle_id: id, version: 2, snapshot: JSON.stringify({ why: consoleWhy }) });

    const fileChange = { ...original, skill: { ja: 'ファイルの新しいスキル。', en: 'New skill from the file.' } };
    const result = await importKnowledge(knex, only(fileChange));
    expect(result.skipped).toEqual([{ id, slug: original.slug, reason: expect.stringContaining('edited in the console') }]);
    expect(result).toMatchObject({ created: [], updated: [], unchanged: 0 });
    const row = await rowOf(original.slug);
    expect(row).toMatchObject({ version: 2, why: consoleWhy, skill: original.skill });
    expect(await versionsOf(id)).toHaveLength(2);
  });

  it('skips a principle whose row was changed without a version bump', async () => {
    const original = makePrinciple(unique('quiet-edit'));
    await importKnowledge(knex, only(original));
    await knex('principles').where({ slug: original.slug }).update({ body_md: '手で直した本文。' });

    const result = await importKnowledge(knex, only({ ...original, body: `${original.body}\n\nChanged in the file.` }));
    expect(result.skipped.map((s) => s.slug)).toEqual([original.slug]);
    expect((await rowOf(original.slug)).body_md).toBe('手で直した本文。');
  });

  it('counts a console edit that matches the file as unchanged', async () => {
    const original = makePrinciple(unique('converged'));
    await importKnowledge(knex, only(original));
    const fileChange = { ...original, body: `${original.body}\n\nSame words.` };
    await knex('principles').where({ slug: original.slug }).update({ body_md: fileChange.body, version: 2 });
    expect(await importKnowledge(knex, only(fileChange))).toMatchObject({ unchanged: 1, skipped: [], updated: [] });
  });

  it('skips a slug that was created in the console', async () => {
    const principle = makePrinciple(unique('console-made'));
    const fields = toPrincipleFields(principle);
    await knex('principles').insert({
      slug: principle.slug,
      ...fields,
      skill: JSON.stringify(fields.skill),
      symptoms: JSON.stringify(fields.symptoms),
      why: JSON.stringify({ ja: '別の理由。', en: 'Another reason.' }),
      next_action: JSON.stringify(fields.next_action),
      success_signs: JSON.stringify(fields.success_signs),
    });
    const result = await importKnowledge(knex, only(principle));
    expect(result.skipped).toEqual([expect.objectContaining({ slug: principle.slug, reason: expect.stringContaining('"console"') })]);
  });

  it('fails clearly, and writes nothing, when a dish is not in the dishes table', async () => {
    const fine = makePrinciple(unique('fine'));
    const orphan = makePrinciple(unique('orphan'), { dishes: ['fried-rice', 'no-such-dish'] });
    const attempt = importKnowledge(knex, only(fine, orphan));
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toThrow('these dishes are not in the dishes table: no-such-dish');
    expect(await rowOf(fine.slug)).toBeUndefined();

    const rubricOnly: Knowledge = { dishes: [{ slug: 'ghost-dish', name: { ja: '幽霊', en: 'Ghost' }, expectedSeconds: [1, 2], motion: 'still', sizzleExpected: false, corePrinciple: fine.slug, watchFor: ['too_short'] }], principles: [fine] };
    await expect(importKnowledge(knex, rubricOnly)).rejects.toThrow('ghost-dish');
  });

  it('imports the real knowledge base, then finds nothing to do (rolled back)', async () => {
    const knowledge = await loadKnowledge();
    const trx = await knex.transaction();
    try {
      const first = await importKnowledge(trx, knowledge);
      // Another test file may already have imported it into the shared database.
      expect(first.created.length + first.unchanged + first.updated.length + first.skipped.length).toBe(knowledge.principles.length);
      const second = await importKnowledge(trx, knowledge);
      expect(second).toEqual({ created: [], updated: [], unchanged: knowledge.principles.length - first.skipped.length, skipped: first.skipped.map((s) => expect.objectContaining({ slug: s.slug })) });
      const core = await trx('principles').where({ slug: 'fried-rice-hot-pan' }).first();
      expect(core).toMatchObject({ is_core: true, dishes: ['fried-rice'], source: 'knowledge/principles/fried-rice-hot-pan.md' });
    } finally {
      await trx.rollback();
    }
  });
});
